// Makes sure the programs the test suite needs are on this machine. As root on Debian it installs what is
// missing with apt-get; elsewhere it says exactly what is missing and how to get it.
import {existsSync} from 'node:fs';
import {spawnSync} from 'node:child_process';

const needs = [
	{pkg: 'docker.io', files: ['/usr/sbin/dockerd', '/usr/bin/docker'], why: 'a real Docker Engine for the tests'},
	{pkg: 'busybox-static', files: ['/bin/busybox'], why: 'fixture images built FROM scratch'},
	{pkg: 'tmux', files: ['/usr/bin/tmux'], why: 'the real terminal for end-to-end tests'},
	{pkg: 'openssh-server', files: ['/usr/sbin/sshd'], why: 'ssh:// hosts on loopback'},
	{pkg: 'openssh-client', files: ['/usr/bin/ssh'], why: 'ssh:// hosts on loopback'},
	{pkg: 'openssl', files: ['/usr/bin/openssl'], why: 'TLS certificates for tcp+TLS tests'},
	{pkg: 'podman', files: ['/usr/bin/podman'], why: "Podman's Docker-compatible API"},
	{pkg: 'docker-registry', files: ['/usr/bin/docker-registry'], why: 'a real registry on loopback for pull and push'},
	{pkg: 'apache2-utils', files: ['/usr/bin/htpasswd'], why: 'htpasswd users for the registry with auth'},
	{pkg: 'docker-compose', files: ['/usr/bin/docker-compose'], why: 'real Compose projects (1.29)'},
];

const missing = needs.filter((need) => !need.files.every((file) => existsSync(file)));
if (missing.length === 0) process.exit(0);

const names = missing.map((need) => need.pkg);
const isRoot = process.getuid?.() === 0;
const isDebian = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
if (!isRoot || !isDebian) {
	console.error(`tsdock tests need: ${missing.map((need) => `${need.pkg} (${need.why})`).join(', ')}.`);
	console.error(
		isDebian
			? `Install them as root: apt-get install -y ${names.join(' ')}`
			: 'Install the equivalent packages for your system.',
	);
	process.exit(1);
}

console.error(`installing ${names.join(' ')} with apt-get …`);
const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
const run = (args) => spawnSync('apt-get', args, {stdio: ['ignore', 'inherit', 'inherit'], env});
if (run(['update', '-qq']).status !== 0) process.exit(1);
const result = run(['install', '-y', '-qq', '--no-install-recommends', ...names]);
process.exit(result.status ?? 1);
