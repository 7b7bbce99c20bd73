"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ProgressBar = void 0;
/** A one-line progress bar for terminals; silent when the stream is not a TTY (CI logs, pipes). */
class ProgressBar {
    stream;
    lastDraw = 0;
    drawn = false;
    constructor(stream = process.stderr) {
        this.stream = stream;
    }
    get enabled() {
        return Boolean(this.stream.isTTY);
    }
    update(done, total, label) {
        if (!this.enabled)
            return;
        const now = Date.now();
        if (now - this.lastDraw < 100 && done < total)
            return;
        this.lastDraw = now;
        const width = 30;
        const ratio = total > 0 ? Math.min(1, done / total) : 0;
        const filled = Math.round(ratio * width);
        this.stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}% ${label}\x1b[K`);
        this.drawn = true;
    }
    finish() {
        if (this.drawn)
            this.stream.write('\n');
        this.drawn = false;
    }
}
exports.ProgressBar = ProgressBar;
//# sourceMappingURL=progress-bar.js.map