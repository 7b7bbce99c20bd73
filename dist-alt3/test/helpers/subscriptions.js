"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.wsClient = wsClient;
exports.collect = collect;
const graphql_ws_1 = require("graphql-ws");
const ws_1 = __importDefault(require("ws"));
/** A real graphql-ws client over a real WebSocket to the test server. */
function wsClient(httpUrl, key) {
    return (0, graphql_ws_1.createClient)({
        url: httpUrl.replace(/^http/, 'ws'),
        webSocketImpl: ws_1.default,
        retryAttempts: 0,
        lazy: true,
        connectionParams: key ? { authorization: `Bearer ${key}` } : undefined,
    });
}
/** Subscribes and collects every message until the server completes the subscription (or errors). */
function collect(client, query, variables, onMessage) {
    return new Promise((resolve, reject) => {
        const messages = [];
        const errors = [];
        client.subscribe({ query, variables }, {
            next: (value) => {
                if (value.errors)
                    errors.push(...value.errors);
                if (value.data) {
                    messages.push(value.data);
                    onMessage?.(value.data);
                }
            },
            error: (err) => (Array.isArray(err) ? resolve({ messages, errors: [...errors, ...err] }) : reject(err)),
            complete: () => resolve({ messages, errors }),
        });
    });
}
//# sourceMappingURL=subscriptions.js.map