"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ZonedTimeParser = void 0;
/**
 * Converts wall-clock times in an IANA time zone to UTC instants (Online Retail's InvoiceDate is UK local time).
 * Results are cached by input text: a file repeats the same timestamps on every line of an invoice.
 */
class ZonedTimeParser {
    timeZone;
    cache = new Map();
    /** Offsets by UTC day when constant over the day, else by half hour (daylight-saving days). */
    dayOffsets = new Map();
    offsets = new Map();
    format;
    lastText = '';
    lastValue = null;
    constructor(timeZone) {
        this.timeZone = timeZone;
        this.format = new Intl.DateTimeFormat('en-US', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
        });
    }
    /**
     * Parses `YYYY-MM-DD HH:MM[:SS]`, `YYYY-MM-DD` or the UCI original `M/D/YYYY H:MM`; `null` when it is none of them.
     */
    parse(text) {
        // Consecutive lines usually repeat the timestamp (one invoice): a string compare beats a hash lookup.
        if (text === this.lastText)
            return this.lastValue;
        let cached = this.cache.get(text);
        if (cached === undefined) {
            cached = this.parseUncached(text.trim());
            if (this.cache.size > 100_000)
                this.cache.clear();
            this.cache.set(text, cached);
        }
        this.lastText = text;
        this.lastValue = cached;
        return cached;
    }
    parseUncached(text) {
        let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
        let parts = null;
        if (m)
            parts = [+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)];
        else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text))) {
            parts = [+m[3], +m[1], +m[2], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)];
        }
        else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(text)))
            parts = [+m[1], +m[2], +m[3], 0, 0, 0];
        if (!parts)
            return null;
        const [y, mo, d, h, mi, s] = parts;
        if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59)
            return null;
        // Date.UTC reads years 0-99 as 1900-1999: set the year itself (the range check then refuses such dates).
        const wall = y < 100 ? new Date(Date.UTC(2000, mo - 1, d, h, mi, s)).setUTCFullYear(y) : Date.UTC(y, mo - 1, d, h, mi, s);
        if (new Date(wall).getUTCDate() !== d)
            return null; // 31 February
        // The zone's offset at the guessed instant, then once more at the corrected one (DST edges).
        let utc = wall - this.offsetAt(wall);
        utc = wall - this.offsetAt(utc);
        return new Date(utc);
    }
    /** Milliseconds the zone is ahead of UTC at `instant`. */
    offsetAt(instant) {
        if (this.timeZone === 'UTC')
            return 0;
        const day = Math.floor(instant / 86_400_000);
        let dayOffset = this.dayOffsets.get(day);
        if (dayOffset === undefined) {
            const start = this.offsetUncached(day * 86_400_000);
            dayOffset = start === this.offsetUncached(day * 86_400_000 + 86_399_000) ? start : null;
            this.dayOffsets.set(day, dayOffset);
        }
        if (dayOffset !== null)
            return dayOffset;
        const hour = Math.floor(instant / 1_800_000);
        let offset = this.offsets.get(hour);
        if (offset === undefined) {
            offset = this.offsetUncached(hour * 1_800_000);
            this.offsets.set(hour, offset);
        }
        return offset;
    }
    offsetUncached(instant) {
        const p = {};
        for (const part of this.format.formatToParts(new Date(instant)))
            if (part.type !== 'literal')
                p[part.type] = Number(part.value);
        return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
    }
}
exports.ZonedTimeParser = ZonedTimeParser;
//# sourceMappingURL=zoned-time.js.map