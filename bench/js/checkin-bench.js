'use strict';
// The TrustBot daily check-in written with the JavaScript Bot Framework SDK (botbuilder 4.23.3),
// timed per turn the same way as bench/TrustBot.Bench: TestAdapter + MemoryStorage,
// ConversationState + UserState loaded and saved every turn, prompts with suggested actions.
// Exit codes: 0 ok, 2 a reply was not what the check-in should say, 64 bad arguments.

const fs = require('fs');
const path = require('path');
const { TestAdapter, MemoryStorage, ConversationState, UserState, MessageFactory } = require('botbuilder');
const {
    ComponentDialog, WaterfallDialog, NumberPrompt, ChoicePrompt, TextPrompt, DialogSet, DialogTurnStatus, ListStyle,
} = require('botbuilder-dialogs');

const TRUST_PROMPT = 'checkIn.trust';
const CHOICE_PROMPT = 'checkIn.choice';
const TEXT_PROMPT = 'checkIn.text';
const MENU_PROMPT = 'menu.choice';
const MAX_TEXT_LENGTH = 500;
const DAY_MS = 24 * 60 * 60 * 1000;
const SKIP_WORDS = new Set(['skip', 'no', 'nope', 'nah', 'none', 'nothing', 'not really', 'not today', 'no thanks', 'n/a', 'na', '-', 'pass']);

/** Counts calls the way MemoryStorage.ReadCalls/WriteCalls do on the C# side (a read of several keys counts once). */
class CountingStorage extends MemoryStorage {
    constructor() {
        super();
        this.readCalls = 0;
        this.writeCalls = 0;
    }

    read(keys) {
        this.readCalls++;
        return super.read(keys);
    }

    write(changes) {
        this.writeCalls++;
        return super.write(changes);
    }
}

/** The benchmark's clock: one day later for every check-in, like BenchClock. */
const clock = { now: Date.UTC(2026, 10, 2, 18, 0, 0) };

const normalize = (text) => (text || '').trim().toLowerCase().replace(/\s+/g, ' ').replace(/[.!]+$/, '');
const isSkip = (text) => SKIP_WORDS.has(normalize(text));

function trustValidator(prompt) {
    if (!prompt.recognized.succeeded) return false;
    const value = prompt.recognized.value;
    return Number.isInteger(value) && value >= 1 && value <= 10;
}

function textValidator(prompt) {
    const value = prompt.recognized.value;
    return prompt.recognized.succeeded && typeof value === 'string' && value.trim().length >= 1 && value.length <= MAX_TEXT_LENGTH;
}

function comparison(trust, previous) {
    if (previous === undefined || previous === null) {
        return `Thank you for checking in. Trust today: ${trust}/10. That's your starting point; next time I'll show you how it compares.`;
    }
    if (trust > previous) return `Trust today: ${trust}/10, up from ${previous} last time. 📈`;
    if (trust < previous) return `Trust today: ${trust}/10, down from ${previous} last time.`;
    return `Trust today: ${trust}/10, the same as last time.`;
}

function describeStreak(streak, first) {
    if (first) return "That's your first check-in. Your streak starts today.";
    if (streak === 1) return 'A fresh streak starts today. Welcome back; coming back is what matters.';
    return `That's ${streak} check-ins in a row on schedule. 🔥`;
}

/** Same seven steps as dialogs/Journey/CheckInDialog.cs; the boundaries and commitment steps are skipped when unset. */
class CheckInDialog extends ComponentDialog {
    constructor(profileAccessor, storage) {
        super('CheckInDialog');
        this.profileAccessor = profileAccessor;
        this.storage = storage;
        this.addDialog(new WaterfallDialog('checkIn', [
            this.askTrustStep.bind(this),
            this.askCommunicationStep.bind(this),
            this.askBoundariesStep.bind(this),
            this.askCommitmentStep.bind(this),
            this.askWinStep.bind(this),
            this.askSetbackStep.bind(this),
            this.replyStep.bind(this),
        ]));
        this.addDialog(new NumberPrompt(TRUST_PROMPT, trustValidator, 'en-us'));
        this.addDialog(new ChoicePrompt(CHOICE_PROMPT, undefined, 'en-us'));
        this.addDialog(new TextPrompt(TEXT_PROMPT, textValidator));
        this.initialDialogId = 'checkIn';
    }

    async askTrustStep(step) {
        step.values.data = { trust: 0, communication: 'same', boundariesRespected: null, commitmentKept: null, win: null };
        return step.prompt(TRUST_PROMPT, {
            prompt: 'Time for a quick check-in. On a scale of 1 to 10, how much do you trust your partner today?',
            retryPrompt: 'Please answer with a number from 1 to 10 (1 = hardly any trust, 10 = complete trust).',
        });
    }

    async askCommunicationStep(step) {
        step.values.data.trust = step.result;
        return step.prompt(CHOICE_PROMPT, {
            prompt: 'Thank you. How has communication between you been since last time?',
            retryPrompt: 'Choose "Better", "About the same" or "Worse".',
            choices: [
                { value: 'better', action: { type: 'imBack', title: 'Better', value: 'Better' }, synonyms: ['improved', 'good', 'better than before'] },
                { value: 'same', action: { type: 'imBack', title: 'About the same', value: 'About the same' }, synonyms: ['same', 'the same', 'no change', 'similar', 'ok'] },
                { value: 'worse', action: { type: 'imBack', title: 'Worse', value: 'Worse' }, synonyms: ['bad', 'not good', 'harder'] },
            ],
            style: ListStyle.suggestedAction,
        });
    }

    async askBoundariesStep(step) {
        step.values.data.communication = step.result ? step.result.value : 'same';
        const profile = await this.profileAccessor.get(step.context);
        if (!(profile.boundaryCount > 0)) return step.next(null);
        return step.prompt(CHOICE_PROMPT, {
            prompt: 'Were the boundaries you agreed on respected?',
            retryPrompt: 'Choose "Yes", "Mostly" or "No".',
            choices: [
                { value: 'yes', action: { type: 'imBack', title: 'Yes', value: 'Yes' }, synonyms: ['yes', 'all of them', 'completely'] },
                { value: 'mostly', action: { type: 'imBack', title: 'Mostly', value: 'Mostly' }, synonyms: ['mostly', 'partly', 'most of them', 'sort of'] },
                { value: 'no', action: { type: 'imBack', title: 'No', value: 'No' }, synonyms: ['no', 'not really', 'not at all'] },
            ],
            style: ListStyle.suggestedAction,
        });
    }

    async askCommitmentStep(step) {
        step.values.data.boundariesRespected = step.result ? step.result.value : null;
        const profile = await this.profileAccessor.get(step.context);
        if (!profile.weeklyCommitment) return step.next(null);
        return step.prompt(CHOICE_PROMPT, {
            prompt: `In step 6 you chose one thing to do this week: "${profile.weeklyCommitment}". Did you do it?`,
            retryPrompt: 'Choose "Yes", "Partly" or "Not yet".',
            choices: [
                { value: 'yes', action: { type: 'imBack', title: 'Yes', value: 'Yes' }, synonyms: ['yes', 'i did', 'done'] },
                { value: 'partly', action: { type: 'imBack', title: 'Partly', value: 'Partly' }, synonyms: ['partly', 'a bit', 'somewhat', 'sort of', 'mostly'] },
                { value: 'no', action: { type: 'imBack', title: 'Not yet', value: 'Not yet' }, synonyms: ['no', 'not yet', "didn't", "i didn't"] },
            ],
            style: ListStyle.suggestedAction,
        });
    }

    async askWinStep(step) {
        step.values.data.commitmentKept = step.result ? step.result.value : null;
        return step.prompt(TEXT_PROMPT, {
            prompt: MessageFactory.suggestedActions(['Skip'], 'Is there a small win to celebrate, however small? Type it, or skip.'),
            retryPrompt: MessageFactory.suggestedActions(['Skip'], `Type the win in a short sentence (up to ${MAX_TEXT_LENGTH} characters), or "skip".`),
        });
    }

    async askSetbackStep(step) {
        step.values.data.win = typeof step.result === 'string' && !isSkip(step.result) ? step.result.trim() : null;
        return step.prompt(TEXT_PROMPT, {
            prompt: MessageFactory.suggestedActions(['Skip'], 'And was there anything that felt like a setback? Type it (it stays private), or skip.'),
            retryPrompt: MessageFactory.suggestedActions(['Skip'], `Describe it in a short sentence (up to ${MAX_TEXT_LENGTH} characters), or "skip".`),
        });
    }

    async replyStep(step) {
        const profile = await this.profileAccessor.get(step.context);
        const data = step.values.data;
        const setback = typeof step.result === 'string' && !isSkip(step.result) ? step.result.trim() : null;
        const previousTrust = profile.lastTrust;
        const first = !profile.checkInCount || !profile.lastCheckInAt;
        const now = clock.now;

        // Records live in their own rows next to the state, as TrustBot keeps them.
        const partition = `${step.context.activity.channelId}/users/${step.context.activity.from.id}`;
        const records = {};
        records[`${partition}/checkin/${new Date(now).toISOString()}`] = {
            at: new Date(now).toISOString(), trust: data.trust, communication: data.communication,
            boundariesRespected: data.boundariesRespected, commitmentKept: data.commitmentKept,
            hadWin: data.win !== null, hadSetback: setback !== null,
        };
        if (setback !== null) records[`${partition}/journal/${new Date(now).toISOString()}`] = { step: 0, topic: 'check-in-setback', text: setback };
        if (data.win !== null) records[`${partition}/win/${new Date(now).toISOString()}`] = { text: data.win };
        await this.storage.write(records);

        profile.streak = profile.lastCheckInAt && now - profile.lastCheckInAt <= 1.5 * DAY_MS ? (profile.streak || 0) + 1 : 1;
        profile.checkInCount = (profile.checkInCount || 0) + 1;
        profile.lastCheckInAt = now;
        profile.lastTrust = data.trust;

        const dip = data.trust < previousTrust || data.communication === 'worse' || data.boundariesRespected === 'no' || setback !== null;
        const improved = !dip && (data.trust > previousTrust || data.communication === 'better');
        const encouragement = dip
            ? 'Setbacks are a normal part of rebuilding trust.'
            : improved
                ? "That's progress worth celebrating. 🎉 If it feels right, tell your partner one thing that helped."
                : 'Steady is a kind of progress too. Showing up like this, again and again, is how trust is rebuilt.';
        const parts = [comparison(data.trust, previousTrust)];
        if (data.win !== null) parts.push("That's worth celebrating. I've added it to your small wins.");
        parts.push(describeStreak(profile.streak, first));
        parts.push(encouragement);
        await step.context.sendActivity(parts.join('\n\n'));
        return step.endDialog();
    }
}

/** The menu that follows every finished flow, as MenuDialog does. */
class MenuDialog extends ComponentDialog {
    constructor() {
        super('MenuDialog');
        this.addDialog(new ChoicePrompt(MENU_PROMPT, undefined, 'en-us'));
    }

    async onBeginDialog(dc, options) {
        return dc.prompt(MENU_PROMPT, {
            prompt: typeof options === 'string' ? options : 'What would you like to do?',
            retryPrompt: 'Pick one of these, or type help to see everything I can do.',
            choices: ['Continue my journey: Step 1', 'Check in', 'My progress', 'Small wins', 'Boundaries', 'Reminders', 'Help']
                .map((title) => ({ value: title.toLowerCase(), action: { type: 'imBack', title, value: title } })),
            style: ListStyle.suggestedAction,
        });
    }

    async onContinueDialog(dc) {
        const result = await dc.continueDialog();
        return result.status === DialogTurnStatus.complete ? dc.endDialog(result.result) : result;
    }
}

/** Turn logic shaped like TrustBotHandler: load state, global command first, continue or start, save state. */
function createBot(storage) {
    const conversationState = new ConversationState(storage);
    const userState = new UserState(storage);
    const dialogState = conversationState.createProperty('dialogs');
    const profileAccessor = userState.createProperty('profile');
    const dialogs = new DialogSet(dialogState);
    dialogs.add(new CheckInDialog(profileAccessor, storage));
    dialogs.add(new MenuDialog());

    return async (context) => {
        if (context.activity.type !== 'message') return;
        const profile = await profileAccessor.get(context, {});
        if (!profile.lastSeenAt || clock.now - profile.lastSeenAt >= 60 * 60 * 1000) profile.lastSeenAt = clock.now;
        const dc = await dialogs.createContext(context);
        if (normalize(context.activity.text) === 'check in') {
            await dc.cancelAllDialogs();
            await dc.beginDialog('CheckInDialog');
        } else {
            const result = await dc.continueDialog();
            if (result.status === DialogTurnStatus.empty) {
                await dc.beginDialog('MenuDialog', profile.name ? `Hi, ${profile.name}. What would you like to do?` : undefined);
            } else if (result.status === DialogTurnStatus.complete) {
                await dc.beginDialog('MenuDialog');
            }
        }
        await conversationState.saveChanges(context);
        await userState.saveChanges(context);
    };
}

function buttonsOf(activity) {
    return activity.suggestedActions ? activity.suggestedActions.actions.map((a) => a.title) : [];
}

function single(replies, text, buttons = []) {
    if (replies.length !== 1) return `expected 1 reply, got ${replies.length}`;
    if (replies[0].text !== text) return `expected "${text}"`;
    if (buttons.length > 0 && buttonsOf(replies[0]).join('|') !== buttons.join('|')) return `expected buttons [${buttons.join(', ')}]`;
    return null;
}

const SCRIPT = [
    { input: 'check in', check: (r) => single(r, 'Time for a quick check-in. On a scale of 1 to 10, how much do you trust your partner today?') },
    { input: '7', check: (r) => single(r, 'Thank you. How has communication between you been since last time?', ['Better', 'About the same', 'Worse']) },
    { input: 'Better', check: (r) => single(r, 'Is there a small win to celebrate, however small? Type it, or skip.', ['Skip']) },
    { input: 'skip', check: (r) => single(r, 'And was there anything that felt like a setback? Type it (it stays private), or skip.', ['Skip']) },
    {
        input: 'skip',
        check: (r) => {
            if (r.length !== 2) return `expected the summary and the menu (2 replies), got ${r.length}`;
            const summary = r[0].text || '';
            if (!summary.includes('Trust today: 7/10') || !(summary.includes('check-ins in a row') || summary.includes('first check-in'))) {
                return 'the summary does not give today\'s trust and the streak';
            }
            if (r[1].text !== 'What would you like to do?' || !buttonsOf(r[1]).includes('Check in')) return 'the menu did not follow the summary';
            return null;
        },
    },
];

function parseArgs(argv) {
    const o = { iterations: 3000, warmup: 6000, batch: 100, json: null };
    for (let i = 0; i < argv.length; i++) {
        const value = argv[i + 1];
        const n = Number(value);
        switch (argv[i]) {
            case '--iterations': if (!(Number.isInteger(n) && n > 0)) return null; o.iterations = n; i++; break;
            case '--warmup': if (!(Number.isInteger(n) && n >= 0)) return null; o.warmup = n; i++; break;
            case '--batch': if (!(Number.isInteger(n) && n > 0)) return null; o.batch = n; i++; break;
            case '--json': if (!value) return null; o.json = value; i++; break;
            default: return null;
        }
    }
    return o;
}

/** Nearest-rank percentile, the same definition the C# side uses. */
function percentile(values, p) {
    const sorted = Float64Array.from(values).sort();
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(Math.max(rank - 1, 0), sorted.length - 1)];
}

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

function summarize(turn, input, s) {
    return {
        turn, input, samples: s.micros.length,
        meanUs: +mean(s.micros).toFixed(2), medianUs: +percentile(s.micros, 50).toFixed(2), p95Us: +percentile(s.micros, 95).toFixed(2),
        allocBytes: null,
        meanReads: +mean(s.reads).toFixed(3), maxReads: Math.max(...s.reads),
        meanWrites: +mean(s.writes).toFixed(3), maxWrites: Math.max(...s.writes),
    };
}

function loadavg() {
    try {
        return 'loadavg ' + fs.readFileSync('/proc/loadavg', 'utf8').trim();
    } catch {
        return 'n/a';
    }
}

async function main() {
    const options = parseArgs(process.argv.slice(2));
    if (!options) {
        console.error('Usage: node --expose-gc checkin-bench.js [--iterations N] [--warmup N] [--batch N] [--json path]');
        return 64;
    }
    const collect = typeof global.gc === 'function' ? () => global.gc() : () => {};

    const storage = new CountingStorage();
    const adapter = new TestAdapter();
    const logic = createBot(storage);
    const userId = adapter.conversation.user.id;

    // An onboarded person: the profile TrustBot has after onboarding (role hurt, daily 7pm London), then the menu.
    await userState_seed(storage, adapter, { name: 'Sam', role: 'hurt', consented: true, rhythm: 'daily', reminderTime: '19:00', timeZone: 'Europe/London', nextStep: 1, boundaryCount: 0 });
    await adapter.processActivity({ type: 'message', text: 'Show me the menu', locale: 'en-US' }, logic);
    adapter.activeQueue.length = 0;

    const perTurn = SCRIPT.map(() => ({ micros: [], reads: [], writes: [] }));
    const failures = [];
    // The first check-ins after start, before the optimizing compiler has caught up: reported, not part of the main figures.
    const EARLY_CHECK_INS = 500;
    const early = { micros: [], reads: [], writes: [] };
    let firstCheckInMicros = 0;
    let checkIns = 0;

    async function runCheckIn(measure) {
        checkIns++;
        for (let i = 0; i < SCRIPT.length; i++) {
            const activity = { type: 'message', text: SCRIPT[i].input, locale: 'en-US' };
            const reads0 = storage.readCalls;
            const writes0 = storage.writeCalls;
            const start = process.hrtime.bigint();
            await adapter.processActivity(activity, logic);
            const micros = Number(process.hrtime.bigint() - start) / 1000;
            const reads = storage.readCalls - reads0;
            const writes = storage.writeCalls - writes0;
            const replies = adapter.activeQueue.splice(0, adapter.activeQueue.length);
            const problem = SCRIPT[i].check(replies);
            if (problem && failures.length < 10) {
                failures.push(`check-in ${checkIns}, turn ${i + 1} ("${SCRIPT[i].input}"): ${problem}; got [${replies.map((r) => r.text).join(' | ')}]`);
            }
            if (!measure) {
                if (checkIns <= EARLY_CHECK_INS) {
                    early.micros.push(micros);
                    early.reads.push(reads);
                    early.writes.push(writes);
                }
                if (checkIns === 1) firstCheckInMicros += micros;
            } else {
                perTurn[i].micros.push(micros);
                perTurn[i].reads.push(reads);
                perTurn[i].writes.push(writes);
            }
        }
        clock.now += DAY_MS;
    }

    const uptimeBefore = loadavg();
    for (let i = 0; i < Math.floor(options.warmup / 2); i++) await runCheckIn(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (let i = Math.floor(options.warmup / 2); i < options.warmup; i++) await runCheckIn(false);

    // Process CPU time (all threads: compiler, GC) while the batches run; less sensitive to other load on the machine than wall time.
    let cpuMicros = 0;
    const wallStart = process.hrtime.bigint();
    for (let done = 0; done < options.iterations;) {
        collect();
        const batchEnd = Math.min(options.iterations, done + options.batch);
        const cpu0 = process.cpuUsage();
        for (; done < batchEnd; done++) await runCheckIn(true);
        const used = process.cpuUsage(cpu0);
        cpuMicros += used.user + used.system;
    }
    const measuredSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9;
    const uptimeAfter = loadavg();

    const turns = perTurn.map((s, i) => summarize(i + 1, SCRIPT[i].input, s));
    const all = summarize(0, 'all turns', {
        micros: perTurn.flatMap((s) => s.micros), reads: perTurn.flatMap((s) => s.reads), writes: perTurn.flatMap((s) => s.writes),
    });

    console.log(`TrustBot check-in benchmark: JavaScript Bot Framework SDK (botbuilder ${require('botbuilder/package.json').version}) on Node ${process.version}, TestAdapter + MemoryStorage`);
    console.log(`${options.iterations} check-ins x ${SCRIPT.length} turns measured, ${options.warmup} check-ins warm-up, GC between batches of ${options.batch}${typeof global.gc === 'function' ? '' : ' (unavailable: run with --expose-gc)'}; measured phase ${measuredSeconds.toFixed(1)} s`);
    console.log(`${'turn'.padEnd(5)} ${'input'.padEnd(10)} ${'mean µs'.padStart(9)} ${'median µs'.padStart(10)} ${'p95 µs'.padStart(9)} ${'alloc B'.padStart(9)} ${'reads'.padStart(6)} ${'writes'.padStart(6)}`);
    for (const t of [...turns, all]) {
        console.log(`${(t.turn === 0 ? 'all' : String(t.turn)).padEnd(5)} ${t.input.padEnd(10)} ${t.meanUs.toFixed(1).padStart(9)} ${t.medianUs.toFixed(1).padStart(10)} ${t.p95Us.toFixed(1).padStart(9)} ${'n/a'.padStart(9)} ${t.meanReads.toFixed(2).padStart(6)} ${t.meanWrites.toFixed(2).padStart(6)}`);
    }

    const measuredTurns = options.iterations * SCRIPT.length;
    const earlySummary = early.micros.length > 0 ? summarize(0, 'early', early) : null;
    if (earlySummary) {
        console.log(`early (first ${early.micros.length / SCRIPT.length} check-ins of the warm-up): mean ${earlySummary.meanUs.toFixed(1)} µs, median ${earlySummary.medianUs.toFixed(1)} µs per turn; the very first check-in took ${(firstCheckInMicros / 1000).toFixed(1)} ms for ${SCRIPT.length} turns`);
    }
    console.log(`process CPU time per turn: ${(cpuMicros / measuredTurns).toFixed(1)} µs`);

    if (options.json) {
        fs.mkdirSync(path.dirname(path.resolve(options.json)), { recursive: true });
        fs.writeFileSync(options.json, JSON.stringify({
            implementation: `JavaScript Bot Framework SDK botbuilder ${require('botbuilder/package.json').version} + botbuilder-dialogs ${require('botbuilder-dialogs/package.json').version} via TestAdapter over MemoryStorage`,
            runtime: `Node ${process.version}`,
            iterations: options.iterations, warmup: options.warmup, batch: options.batch, turnsPerCheckIn: SCRIPT.length,
            measuredSeconds: +measuredSeconds.toFixed(2), cpuUsPerTurn: +(cpuMicros / measuredTurns).toFixed(2),
            ...(earlySummary ? { firstCheckInMs: +(firstCheckInMicros / 1000).toFixed(2), early: earlySummary } : {}),
            uptimeBefore, uptimeAfter, turns, all,
        }, null, 2));
    }

    for (const f of failures) console.error('WRONG REPLY: ' + f);
    if (failures.length > 0) return 2;
    console.log(`ok: every reply matched the check-in script; at most ${all.maxReads} read(s) and ${all.maxWrites} write(s) per turn`);
    return 0;

    async function userState_seed(store, testAdapter, profile) {
        const key = `${testAdapter.conversation.channelId}/users/${userId}/`;
        await store.write({ [key]: { profile } });
        store.readCalls = 0;
        store.writeCalls = 0;
    }
}

if (require.main === module) {
    main().then((code) => { process.exitCode = code; }, (error) => { console.error(error); process.exitCode = 1; });
}

// bench/js/http-peer.js serves the same bot over HTTP.
module.exports = { createBot, CountingStorage };
