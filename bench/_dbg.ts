import {startDaemon} from '../test/helpers/daemon.ts';
import {buildBase} from '../test/helpers/fixtures.ts';
import {childEnv, nodeBinary} from '../test/helpers/tmux.ts';
import {builtCli} from '../test/helpers/cli.ts';
import {launchUntil, quit} from './lib/measure.ts';
import {startFlood} from './lib/load.ts';
import {setTimeout as sleep} from 'node:timers/promises';
import {performance} from 'node:perf_hooks';
const d = await startDaemon();
try {
  await buildBase(d);
  await startFlood(d, 'b-flood-0', Number(process.argv[2] ?? 5000));
  const home = childEnv();
  const {term} = await launchUntil([nodeBinary, builtCli, '--host', d.host], /b-flood-0/, {width: 200, height: 50, env: home.env});
  await sleep(500);
  term.sendKeys(['l']);
  await sleep(2000);
  const n0 = term.chunks.length; const t0 = performance.now();
  await sleep(2000);
  const cs = term.chunks.slice(n0);
  console.log('chunks in 2 s', cs.length, 'bytes', cs.reduce((a, c) => a + c.bytes, 0), 'gaps', cs.slice(1).map((c, i) => Math.round(c.t - cs[i].t)).join(','));
  const seenAny = term.waitForOutput(/wrap/, 3000).then((t) => 'any wrap at ' + (t - performance.now()), () => 'no wrap text at all');
  const raw = term.waitForOutput(/zzzzzz/, 2500).catch(() => 0);
  term.sendKeys(['w']);
  console.log(await seenAny);
  await sleep(3000);
  console.log((await term.capture()).split('\n').slice(3, 4).join('\n'));
  term.sendKeys(['w']);
  await sleep(1500);
  for (let i = 0; i < 0; i++) {
    const pat = i % 2 ? /last [\d,]+(?![\d,])(?! · (?:timestamps · )?wrap)/ : /last [\d,]+ · (?:timestamps · )?wrap/;
    const seen = term.waitForOutput(pat, 3000);
    const k = term.sendKeys(['w']);
    console.log('w ->', await seen.then((t) => (t - k).toFixed(1), (e) => 'none'));
    await sleep(300);
  }
  console.log((await term.capture()).split('\n').slice(0, 6).join('\n'));
  await quit(term);
} finally { await d.docker(['rm', '-f', 'b-flood-0'], {allowFail: true}); await d.stop(); }
