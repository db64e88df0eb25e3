// Splits a Dockerfile into its build stages and their instructions, with the base image of each
// stage resolved from the global ARG defaults: enough for structural tests, not a full parser
// (no heredocs, no escape directive).

/** @returns {{ stages: { name?: string, image: string, instructions: { keyword: string, args: string }[] }[] }} */
export function parseDockerfile(text) {
  const globalArgs = {};
  const stages = [];
  for (const line of logicalLines(text)) {
    const [, word, rest = ''] = line.match(/^(\S+)\s*(.*)$/s);
    const keyword = word.toUpperCase();
    if (keyword === 'FROM') {
      const [, image, name] = rest.match(/^(\S+)(?:\s+AS\s+(\S+))?/i);
      stages.push({ name, image: resolveArgs(image, globalArgs), instructions: [] });
    } else if (stages.length === 0 && keyword === 'ARG') {
      const [name, value] = rest.split(/=(.*)/s);
      globalArgs[name.trim()] = value?.trim();
    } else if (stages.length > 0) {
      stages.at(-1).instructions.push({ keyword, args: rest });
    }
  }
  return { stages };
}

/** Instructions one per line: comments dropped, backslash continuations joined. */
function logicalLines(text) {
  const physical = text.split('\n').filter((line) => !/^\s*#/.test(line));
  return physical
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

function resolveArgs(value, args) {
  return value.replace(/\$\{?(\w+)\}?/g, (match, name) => args[name] ?? match);
}

/** Instructions of a stage with a given keyword, e.g. every RUN of the runtime stage. */
export function instructionsOf(stage, keyword) {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);
}
