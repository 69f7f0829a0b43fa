/** The text of `tsdock --help`. Every command and flag is listed here. */
export const usage = `tsdock — a terminal UI and scriptable CLI for a Docker host

Usage:
  tsdock [global options]                 open the full-screen UI
  tsdock ps [-a|--all] [--json]           list containers (running only unless --all)
  tsdock images [-a|--all] [--dangling] [--json]
                                          list images (--all adds intermediate layers,
                                          --dangling only untagged images, as docker -f dangling=true)
  tsdock volumes [--dangling] [--json]    list volumes (--dangling: not used by any container)
  tsdock df [-v|--verbose] [--json]       disk usage, the same figures as docker system df
  tsdock history [--no-trunc] [--json] IMAGE
                                          an image's layers, newest first
  tsdock contexts [--json]                the Docker contexts tsdock can use
  tsdock help [keys]                      this text, or the UI's key map

Global options:
  -H, --host URL        daemon to use: unix:///path, tcp://host:port, ssh://user@host[:port]
  -c, --context NAME    a Docker context (see tsdock contexts)
      --tlsverify       use TLS and verify the daemon's certificate
      --tlscacert FILE  CA certificate (default $DOCKER_CERT_PATH/ca.pem)
      --tlscert FILE    client certificate (default $DOCKER_CERT_PATH/cert.pem)
      --tlskey FILE     client key (default $DOCKER_CERT_PATH/key.pem)
      --read-only       refuse every action that changes anything; nothing mutating is sent
      --no-color        no colours (NO_COLOR is honoured too)
      --ascii           ASCII borders and symbols (default when the locale is not UTF-8)
      --tail N          log lines to show first in the log view (default 200)
      --shell CMD       shell for exec (default: bash if present, else sh)
  -h, --help            show this help
      --version         print tsdock's version

Endpoint order, as the docker CLI: --host, --context, DOCKER_HOST, DOCKER_CONTEXT,
currentContext in ~/.docker/config.json, then unix:///var/run/docker.sock.
`;
