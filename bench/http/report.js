'use strict';
// Turns bench/http.sh's raw results into bench/results/http-latest.md and prints the table.
// Usage: node report.js <results.txt> <machine.txt> <azurite-requests.txt> <out.md>
const fs = require('fs');

const [resultsPath, machinePath, requestsPath, outPath, perTurnPath] = process.argv.slice(2);
const rows = fs.readFileSync(resultsPath, 'utf8').trim().split('\n').filter(Boolean).map((line) => {
    const match = /^(\S+) (\d+) (\{.*\})(?: storageRequests=(\d+) perTurn=([\d.]+))?$/.exec(line);
    if (!match) throw new Error(`unreadable result line: ${line}`);
    return { target: match[1], people: Number(match[2]), ...JSON.parse(match[3]), storageRequests: match[4] ? Number(match[4]) : null, perTurn: match[5] ? Number(match[5]) : null };
});
const find = (target, people) => rows.find((r) => r.target === target && r.people === people);
const names = { bare: 'bare Kestrel (parse only)', memory: 'TrustBot, Memory storage', azurite: 'TrustBot, Azurite, state cache on', nocache: 'TrustBot, Azurite, cache off (every turn reads)', js: 'JS Bot Framework SDK peer' };
const fmt = (n, d = 0) => (n === null || n === undefined || Number.isNaN(n) ? '–' : n.toFixed(d));

const lines = [];
lines.push('# HTTP benchmark: the daily check-in through POST /api/messages', '');
lines.push('`bench/http.sh`: wrk with one connection per person, each person cycling the five check-in messages',
    '(`check in`, `7`, `Better`, `skip`, `skip`) with `deliveryMode: expectReplies`; every reply is checked',
    '(`wrong` counts answers that were not what the check-in should say). Targets ran one after another on the same',
    'machine; compare ratios within this run.', '');
lines.push('| target | people | turns/s | p50 ms | p99 ms | wrong | × bare Kestrel | storage requests per turn |');
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
    const bare = find('bare', r.people);
    lines.push(`| ${names[r.target] || r.target} | ${r.people} | ${fmt(r.rps)} | ${fmt(r.p50Ms, 2)} | ${fmt(r.p99Ms, 2)} | ${r.wrongReplies + r.socketErrors} | ${bare ? fmt(r.rps / bare.rps, 2) : '–'} | ${r.perTurn === null ? '–' : fmt(r.perTurn, 3)} |`);
}
lines.push('');
const peoples = [...new Set(rows.map((r) => r.people))];
const ratios = [];
for (const p of peoples) {
    const js = find('js', p);
    for (const t of ['memory', 'azurite', 'nocache']) {
        const r = find(t, p);
        if (r && js) ratios.push(`| ${names[t]} | ${p} | ${fmt(r.rps / js.rps, 1)}× | ${fmt(r.p99Ms / js.p99Ms, 2)} |`);
    }
}
if (ratios.length) {
    lines.push('Against the JavaScript SDK peer (same run):', '');
    lines.push('| TrustBot | people | turns/s ratio | p99 ratio (lower is better) |', '|---|---:|---:|---:|', ...ratios, '');
}
if (perTurnPath && fs.existsSync(perTurnPath)) {
    const [calls, turns] = fs.readFileSync(perTurnPath, 'utf8').trim().split(/\s+/).map(Number);
    lines.push(`Storage requests per warm turn, one person checking in message after message: ${calls} requests over ${turns} turns = ${fmt(calls / turns, 3)} per turn.`, '');
}
if (fs.existsSync(requestsPath)) {
    lines.push('Azurite requests of those warm turns (from its `--debug` log; method and path):', '', '```',
        fs.readFileSync(requestsPath, 'utf8').trimEnd(), '```', '');
}
lines.push('Machine:', '', fs.readFileSync(machinePath, 'utf8').trimEnd(), '');
fs.writeFileSync(outPath, lines.join('\n'));
console.log(lines.join('\n'));
