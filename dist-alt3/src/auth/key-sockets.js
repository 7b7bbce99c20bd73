"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KeySockets = exports.CLOSE_KEY_REVOKED = void 0;
/** graphql-ws's close code for Forbidden: the socket's key was revoked; the client should not reconnect with it. */
exports.CLOSE_KEY_REVOKED = 4403;
const REVOKED_REASON = 'Forbidden: the API key was revoked';
/**
 * The open graphql-ws sockets of each API key, so that a revocation closes them (4403) instead of leaving them
 * running. Fed by the socket server's onConnect; a socket leaves when it closes.
 */
class KeySockets {
    byKey = new Map();
    /**
     * Registers an authenticated socket with the secret it presented and the key revision it was checked at (no newer
     * than the key row it was checked against), to check it again once the revision moves on.
     */
    add(keyId, socket, secret, revision) {
        let sockets = this.byKey.get(keyId);
        if (!sockets)
            this.byKey.set(keyId, (sockets = new Map()));
        sockets.set(socket, { secret, revision });
        socket.once('close', () => {
            const current = this.byKey.get(keyId);
            current?.delete(socket);
            if (current?.size === 0)
                this.byKey.delete(keyId);
        });
    }
    get size() {
        let n = 0;
        for (const sockets of this.byKey.values())
            n += sockets.size;
        return n;
    }
    /** Closes every open socket of the key with 4403; returns how many. */
    closeKey(keyId) {
        const sockets = this.byKey.get(keyId);
        if (!sockets)
            return 0;
        this.byKey.delete(keyId);
        for (const socket of sockets.keys())
            socket.close(exports.CLOSE_KEY_REVOKED, REVOKED_REASON);
        return sockets.size;
    }
    /**
     * Checks the key of every socket last checked at another revision than `revision` (the database's now: e.g. a
     * revocation by another process moved it) and closes the sockets whose key no longer authenticates. Returns how
     * many were closed.
     */
    async recheck(revision, authenticate) {
        let closed = 0;
        for (const [keyId, sockets] of [...this.byKey]) {
            const stale = [...sockets.values()].filter((s) => s.revision !== revision);
            if (stale.length === 0)
                continue;
            const principal = await authenticate(stale[0].secret);
            if (!principal || principal.keyId !== keyId)
                closed += this.closeKey(keyId);
            else
                for (const s of stale)
                    s.revision = revision;
        }
        return closed;
    }
}
exports.KeySockets = KeySockets;
//# sourceMappingURL=key-sockets.js.map