"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Topic = void 0;
exports.createAppPubSub = createAppPubSub;
const subscription_1 = require("@graphql-yoga/subscription");
/**
 * The one place that knows topic names and payload types. In memory today; createPubSub takes an event target, so a
 * Redis-backed one can replace it for several server processes.
 */
exports.Topic = {
    TRAINING_RUN: 'TRAINING_RUN',
    EVALUATION_RUN: 'EVALUATION_RUN',
    API_KEY_REVOKED: 'API_KEY_REVOKED',
};
function createAppPubSub() {
    return (0, subscription_1.createPubSub)();
}
//# sourceMappingURL=pubsub.js.map