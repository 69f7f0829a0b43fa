import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, mkdirSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {contextDirName, parseHost, resolveEndpoint} from '../source/core/index.ts';

function homeWithContext(name: string, host: string, current?: string): string {
	const home = mkdtempSync(path.join(tmpdir(), 'tsd-home-'));
	const dir = path.join(home, '.docker', 'contexts', 'meta', contextDirName(name));
	mkdirSync(dir, {recursive: true});
	writeFileSync(
		path.join(dir, 'meta.json'),
		JSON.stringify({Name: name, Metadata: {}, Endpoints: {docker: {Host: host, SkipTLSVerify: false}}}),
	);
	if (current) writeFileSync(path.join(home, '.docker', 'config.json'), JSON.stringify({currentContext: current}));
	return home;
}

test('the default endpoint is the local unix socket', () => {
	const endpoint = resolveEndpoint({env: {HOME: mkdtempSync(path.join(tmpdir(), 'tsd-home-'))}});
	assert.equal(endpoint.kind, 'unix');
	assert.equal(endpoint.socketPath, '/var/run/docker.sock');
});

test('--host beats DOCKER_HOST, which beats contexts', () => {
	const home = homeWithContext('prod', 'tcp://10.0.0.9:2375', 'prod');
	assert.equal(
		resolveEndpoint({host: 'unix:///tmp/a.sock', env: {HOME: home, DOCKER_HOST: 'unix:///tmp/b.sock'}}).socketPath,
		'/tmp/a.sock',
	);
	assert.equal(resolveEndpoint({env: {HOME: home, DOCKER_HOST: 'unix:///tmp/b.sock'}}).socketPath, '/tmp/b.sock');
	const fromCurrent = resolveEndpoint({env: {HOME: home}});
	assert.equal(fromCurrent.contextName, 'prod');
	assert.equal(fromCurrent.host, '10.0.0.9');
	assert.equal(fromCurrent.port, 2375);
});

test('--context and DOCKER_CONTEXT select a stored context; "default" means the socket', () => {
	const home = homeWithContext('stage', 'unix:///tmp/stage.sock');
	assert.equal(resolveEndpoint({context: 'stage', env: {HOME: home}}).socketPath, '/tmp/stage.sock');
	assert.equal(resolveEndpoint({env: {HOME: home, DOCKER_CONTEXT: 'stage'}}).socketPath, '/tmp/stage.sock');
	assert.equal(resolveEndpoint({context: 'default', env: {HOME: home}}).socketPath, '/var/run/docker.sock');
	assert.throws(() => resolveEndpoint({context: 'nope', env: {HOME: home}}), /context "nope".*does not exist/);
	assert.throws(() => resolveEndpoint({context: 'stage', host: 'unix:///x', env: {HOME: home}}), /conflicting options/);
});

test('host URLs parse like the docker CLI', () => {
	assert.deepEqual(parseHost('tcp://127.0.0.1', 'x').port, 2375);
	assert.equal(parseHost('ssh://me@box:2222', 'x').ssh?.user, 'me');
	assert.equal(parseHost('ssh://me@box:2222', 'x').ssh?.port, 2222);
	assert.throws(() => parseHost('ftp://x', 'DOCKER_HOST'), /unsupported Docker host scheme/);
	assert.throws(() => parseHost('unix://relative.sock', 'x'), /must be absolute/);
});
