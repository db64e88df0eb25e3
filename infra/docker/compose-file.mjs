// Reads docker-compose.yml the way `docker compose` does, as far as the structural tests need it:
// YAML merge keys (`<<: *anchor`), `${VAR:-default}` interpolation from the environment, and the
// short and long spellings of environment, ports, depends_on and build normalised to one shape,
// so the tests see the values a container would really get.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export const repositoryRoot = new URL('../../', import.meta.url).pathname;

export function readRepositoryFile(path) {
  return readFileSync(`${repositoryRoot}${path}`, 'utf8');
}

export function parseYaml(text) {
  return parse(text, { merge: true });
}

/** The compose file with variables resolved: from `env` when set there, otherwise their defaults. */
export function loadComposeFile(env = process.env, path = 'docker-compose.yml') {
  return interpolateAll(parseYaml(readRepositoryFile(path)), env);
}

// $$ (a literal $), ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}, $NAME
const VARIABLE = /\$(?:(\$)|\{([A-Za-z_]\w*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_]\w*))/g;

export function interpolate(text, env) {
  return text.replace(VARIABLE, (_match, dollar, name, operator, argument, bareName) => {
    if (dollar) return '$';
    const variable = name ?? bareName;
    const value = env[variable];
    const isSet = operator?.startsWith(':') ? Boolean(value) : value !== undefined;
    if (operator?.endsWith('-')) return isSet ? value : argument;
    // A variable without a default would make `docker compose up` depend on the caller's shell.
    if (!isSet) throw new Error(`\${${variable}} has no default (write \${${variable}:-value}): ${argument || text}`);
    return value;
  });
}

function interpolateAll(node, env) {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((item) => interpolateAll(item, env));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolateAll(value, env)]));
  }
  return node;
}

/** `environment:` as a map of strings, whichever of its two spellings the service uses. */
export function environmentOf(service) {
  const environment = service.environment ?? {};
  const entries = Array.isArray(environment)
    ? environment.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
    : Object.entries(environment);
  return Object.fromEntries(entries.map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** `depends_on:` as a map; the list spelling means `condition: service_started`. */
export function dependenciesOf(service) {
  const dependsOn = service.depends_on ?? {};
  if (!Array.isArray(dependsOn)) return dependsOn;
  return Object.fromEntries(dependsOn.map((name) => [name, { condition: 'service_started' }]));
}

/** `build:` as { context, dockerfile, args } with args as a map. */
export function buildOf(service) {
  if (service.build === undefined) return undefined;
  const build = typeof service.build === 'string' ? { context: service.build } : service.build;
  const args = Array.isArray(build.args)
    ? Object.fromEntries(build.args.map((line) => line.split(/=(.*)/s).slice(0, 2)))
    : (build.args ?? {});
  return { context: build.context, dockerfile: build.dockerfile ?? 'Dockerfile', args };
}

/** `ports:` as [{ hostIp, published, target }]; published is undefined for a random host port. */
export function portsOf(service) {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') {
      return { hostIp: port.host_ip ?? '', published: numberOrUndefined(port.published), target: Number(port.target) };
    }
    const parts = String(port).replace(/\/(tcp|udp)$/, '').split(':');
    const target = Number(parts.pop());
    const published = numberOrUndefined(parts.pop());
    return { hostIp: parts.join(':'), published, target };
  });
}

/**
 * `volumes:` of a service as [{ type, source, target, readOnly }]: `bind` for a host path (`./x`,
 * `/x`), `volume` for a named volume.
 */
export function mountsOf(service) {
  return (service.volumes ?? []).map((volume) => {
    if (typeof volume === 'object') {
      return { type: volume.type, source: volume.source, target: volume.target, readOnly: volume.read_only === true };
    }
    const [source, target, options = ''] = volume.split(':');
    const type = source.startsWith('.') || source.startsWith('/') ? 'bind' : 'volume';
    return { type, source, target, readOnly: options.split(',').includes('ro') };
  });
}

/** The mount a container path lies in (the deepest one), and the path inside that mount. */
export function mountOf(service, containerPath) {
  const inside = (mount) => containerPath === mount.target || containerPath.startsWith(`${mount.target.replace(/\/+$/, '')}/`);
  const mount = mountsOf(service).filter(inside).sort((a, b) => b.target.length - a.target.length)[0];
  return mount && { mount, relativePath: containerPath.slice(mount.target.length).replace(/^\/+/, '') };
}

function numberOrUndefined(value) {
  return value === undefined || value === '' ? undefined : Number(value);
}

/** Splits `registry/name:tag@digest` into its name and tag (undefined when there is none). */
export function imageReference(image) {
  const [withoutDigest] = image.split('@');
  const lastColon = withoutDigest.lastIndexOf(':');
  const hasTag = lastColon > withoutDigest.lastIndexOf('/');
  return hasTag
    ? { name: withoutDigest.slice(0, lastColon), tag: withoutDigest.slice(lastColon + 1) }
    : { name: withoutDigest, tag: undefined };
}

/** An explicit version: at least major.minor, so the image cannot move under us. */
export function isPinnedTag(tag) {
  return tag !== undefined && tag !== 'latest' && /^v?\d+\.\d+/.test(tag);
}
