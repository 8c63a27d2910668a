'use strict';
// The JavaScript SDK check-in (checkin-bench.js) served over HTTP the way a botbuilder bot is deployed:
// CloudAdapter with no app id (no auth, like TrustBot's local mode), MemoryStorage, POST /api/messages.
// Requests with deliveryMode expectReplies get {"activities":[...]} in the body, as TrustBot answers them.
// Usage: node http-peer.js <port>

const http = require('http');
const { CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');
const { createBot, CountingStorage } = require('./checkin-bench');

const port = Number(process.argv[2] || 3979);
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
    console.error(error);
    await context.sendActivity('Sorry, something went wrong.');
};
const logic = createBot(new CountingStorage());

/** The small part of the express/restify response interface CloudAdapter uses. */
function shim(res) {
    return {
        status(code) { res.statusCode = code; },
        header(name, value) { res.setHeader(name, value); },
        send(body) {
            if (typeof body === 'object' && !Buffer.isBuffer(body)) {
                res.setHeader('Content-Type', 'application/json; charset=utf-8');
                res.write(JSON.stringify(body));
            } else {
                res.write(body);
            }
        },
        end() { res.end(); },
    };
}

http.createServer((req, res) => {
    if (req.url !== '/api/messages') {
        res.statusCode = 404;
        res.end();
        return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
        try {
            req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
            res.statusCode = 400;
            res.end('{"error":"malformed JSON"}');
            return;
        }
        adapter.process(req, shim(res), logic).catch((error) => {
            console.error(error);
            if (!res.writableEnded) { res.statusCode = 500; res.end(); }
        });
    });
}).listen(port, '127.0.0.1', () => console.log(`JS SDK peer on http://127.0.0.1:${port}/api/messages`));
