package alipaykb.facts;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.CharBuffer;
import java.util.Objects;

/**
 * How any text is written out: on standard output and standard error, in files and in JSON strings. It is the
 * one place that decides it, and it does two things in one pass.
 *
 * <ol>
 * <li><b>A run of 12 or more digits is cut to its last four</b>, written {@code [digits ending DDDD]}. A digit is
 * a decimal digit of any script (ASCII, fullwidth, Arabic-Indic, mathematical, ...) or a superscript or circled
 * one, and DDDD are the last four written as ASCII digits. Two digits of a run may be apart by at most three
 * code points that are not letters: only a letter (but a blank one, such as a Hangul filler) or {@code '\n'}
 * breaks a run. Spaces of every kind, dashes, dots, slashes, commas, bullets, every other punctuation and
 * symbol, modifier letters, combining marks and every invisible, control, private-use or unassigned code
 * point continue it. Separators after a run's last digit
 * are not part of it. Shorter runs are written as they are.</li>
 * <li><b>Control and invisible characters are written as codes</b>, {@code U+XXXX}: every control character
 * except {@code '\n'}, format characters (U+200B, U+202E, U+00AD, ...), line and paragraph separators,
 * private-use code points, lone surrogates, unassigned code points, variation selectors, the combining
 * grapheme joiner and the blank letters and symbols above. What a text holds can neither move a terminal's
 * cursor, retitle it, nor hide or reorder text.</li>
 * </ol>
 *
 * <p>A code's last hex digits can be decimal ({@code U+0007}), and a reader of the result would count them with
 * the digits after them. So a run is cut to its last four as well when, written as it is, it would show 12
 * digits in a row counting such a code's digits: a bell followed by {@code 1234567890} is written
 * {@code U+0007[digits ending 7890]}. The result therefore never holds 12 digits in a run, nor a character it
 * would write as a code, and {@code of(of(x))} equals {@code of(x)}.
 *
 * <p>{@link #of(CharSequence)} and {@link #writer(Writer)} are the same state machine: whatever way a text is
 * split across writes, the writer's target receives exactly {@code of(text)}. {@link #jsonWriter(Writer)} is that
 * machine for JSON, where the JSON's own structure ends a run too.
 */
public final class SafeText {
    /** The fewest digits of a run that is cut to its last four. */
    static final int MASKED_FROM = 12;
    /** The most separators between two digits of one run. */
    static final int MOST_SEPARATORS = 3;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SafeText() {
    }

    /** The safe form of a whole text; null for null. */
    public static String of(CharSequence text) {
        return filtered(text, false);
    }

    /** The text through the filter, skipped when the text is its own safe form for certain. */
    private static String filtered(CharSequence text, boolean lineBreaksEscaped) {
        if (text == null) {
            return null;
        }
        if (plain(text)) {
            return text.toString();
        }
        StringWriter shown = new StringWriter(text.length() + 16);
        try (Writer safe = new Filter(shown, lineBreaksEscaped, false)) {
            safe.append(text);
        } catch (IOException e) {
            // A StringWriter does not fail.
            throw new UncheckedIOException(e);
        }
        return shown.toString();
    }

    /**
     * Whether a text is its own safe form for certain, line breaks escaped or not: printable ASCII with fewer than
     * 12 digits.
     */
    private static boolean plain(CharSequence text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits >= MASKED_FROM) {
                    return false;
                }
            } else if (c < 0x20 || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }

    /**
     * The safe form of a text quoted inside a one-line message: as {@link #of(CharSequence)}, and a line break
     * is a control character like any other, written {@code U+000A}, so that a quoted value can never begin a
     * line of its own (a forged "all passed", say).
     */
    public static String oneLine(CharSequence text) {
        return filtered(text, true);
    }

    /**
     * A writer that writes to {@code target} the safe form of what is written to it. It holds back a run of digits
     * until the run ends (its digits and up to three separators after them): {@link Writer#flush()} writes all
     * the rest, so what the target has received after a flush is always the start of the safe form of the whole
     * text. A run known to be cut is held as its last four digits and a count, however long it grows.
     * {@link Writer#close()} ends the text: it writes what is held and closes the target.
     */
    public static Writer writer(Writer target) {
        return new Filter(Objects.requireNonNull(target, "target"), false, false);
    }

    /**
     * A writer as {@link #writer(Writer)} for text that is JSON, such as the product's own records: a run of digits
     * never spans the JSON's structure. A string's quotes, and outside strings the braces, brackets, colons and
     * commas, end a run; inside a string (an escaped quote {@code \"} included) and inside a number, runs are what
     * they are in any text. So two ids or an id and a value, each shorter than 12 digits, are never read as one
     * number, and the JSON stays whole, while a card number inside any one string is cut as anywhere else.
     */
    public static Writer jsonWriter(Writer target) {
        return new Filter(Objects.requireNonNull(target, "target"), false, true);
    }

    /** Whether a code point is written as a {@code U+XXXX} code (a line break is not, but in one-line text). */
    public static boolean escaped(int codePoint) {
        return escaped(codePoint, false);
    }

    private static boolean escaped(int codePoint, boolean lineBreaksEscaped) {
        if (codePoint == '\n' && !lineBreaksEscaped) {
            return false;
        }
        if (codePoint < 0x80) {
            // ASCII: its control characters only (and none of the characters below is ASCII)
            return codePoint < 0x20 || codePoint == 0x7F;
        }
        if (FILLERS.indexOf(codePoint) >= 0 || codePoint == '\u034F' || codePoint >= 0xFE00 && codePoint <= 0xFE0F
                || codePoint >= 0xE0100 && codePoint <= 0xE01EF) {
            return true;
        }
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.PRIVATE_USE:
            case Character.SURROGATE:
            case Character.UNASSIGNED:
                return true;
            default:
                return false;
        }
    }

    /** Whether a code point may stand between two digits of one run. */
    static boolean separator(int codePoint) {
        return separator(codePoint, false);
    }

    private static boolean separator(int codePoint, boolean lineBreaksEscaped) {
        if (codePoint == '\n' && !lineBreaksEscaped) {
            return false;
        }
        if (codePoint < 0x80) {
            return !asciiLetter(codePoint);
        }
        switch (Character.getType(codePoint)) {
            // Only letters break a run (and a line break): a reader sees digits joined by any punctuation, symbol,
            // space, mark or invisible character as one number, whatever the character.
            case Character.UPPERCASE_LETTER:
            case Character.LOWERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.OTHER_LETTER:
                return FILLERS.indexOf(codePoint) >= 0;
            default:
                return true;
        }
    }

    /**
     * Letters and symbols that show as nothing: Hangul fillers, the Braille blank, the Mongolian vowel
     * separator. They may stand inside a run like any invisible character.
     */
    private static final String FILLERS = "\u115F\u1160\u3164\uFFA0\u2800\u180E\u17B4\u17B5";

    /** Whether a code point is read as a digit: a decimal digit of any script, or a superscript or circled one. */
    static boolean digit(int codePoint) {
        if (codePoint < 0x80) {
            return codePoint >= '0' && codePoint <= '9';
        }
        return Character.isDigit(codePoint) || Character.getType(codePoint) == Character.OTHER_NUMBER
                && Character.getNumericValue(codePoint) >= 0 && Character.getNumericValue(codePoint) <= 9;
    }

    private static boolean asciiLetter(int codePoint) {
        return codePoint >= 'A' && codePoint <= 'Z' || codePoint >= 'a' && codePoint <= 'z';
    }

    /**
     * Whether a char is written as it is and ends any run before it (if no run is under way and no code was
     * written last): printable ASCII that is not a digit, so neither a code nor part of a run.
     */
    private static boolean passes(char c) {
        return c >= 0x20 && c < 0x7F && (c < '0' || c > '9');
    }

    private static int valueOf(int codePoint) {
        return Character.isDigit(codePoint) ? Character.digit(codePoint, 10) : Character.getNumericValue(codePoint);
    }

    /** The code a code point is written as: {@code U+} and at least four uppercase hex digits. */
    static String code(int codePoint) {
        StringBuilder code = new StringBuilder(8);
        appendCode(code, codePoint);
        return code.toString();
    }

    private static void appendCode(StringBuilder to, int codePoint) {
        to.append("U+");
        int hexDigits = Math.max(4, (Integer.SIZE - Integer.numberOfLeadingZeros(codePoint) + 3) / 4);
        for (int shift = (hexDigits - 1) * 4; shift >= 0; shift -= 4) {
            to.append(HEX[(codePoint >>> shift) & 0xF]);
        }
    }

    /** How many decimal digits a code point's code ends with: 4 for {@code U+0007}, 0 for {@code U+200B}. */
    static int decimalDigitsEndingCode(int codePoint) {
        int count = 0;
        for (int rest = codePoint, hexDigit = 0; hexDigit < 4 || rest != 0; hexDigit++, rest >>>= 4) {
            if ((rest & 0xF) > 9) {
                break;
            }
            count++;
        }
        return count;
    }

    /**
     * The state machine. Everything that can no longer be part of a run is written to {@code pending} at once
     * and handed to the target at the end of each write; a run that has not ended is held in {@code run},
     * {@code lastFour}, {@code digits} and {@code gap}.
     */
    static final class Filter extends Writer {
        private static final int HAND_ON_AT = 8192;

        private final Writer target;
        /** Safe text not yet handed to the target. */
        private final StringBuilder pending = new StringBuilder();
        private boolean closed;
        /** A high surrogate whose low half may come with the next write, or 0. */
        private char high;

        /**
         * The decimal digits that the text written so far ends with, as a reader of it counts them: the last
         * digits of a code ({@code U+0007}: 4), if no more than three visible separators followed it.
         */
        private int trailingDigits;
        private int separatorsSinceCode;

        /** The digits of the run not yet ended; 0 when none is. */
        private long digits;
        /** The run's text, while it may yet be written as it is. */
        private final StringBuilder run = new StringBuilder();
        /** Whether the run is certain to be cut to its last four: then {@code run} is left empty. */
        private boolean cut;
        /** The run's last four digits in ASCII: its digit n (from 0) at {@code n % 4}. */
        private final char[] lastFour = new char[4];
        /** The digits a reader would count in a row at the run's end, were the run written as it is. */
        private int digitsInARow;
        /** The separators after the run's last digit, which belong to it only if a digit follows. */
        private final int[] gap = new int[MOST_SEPARATORS];
        private int gapLength;

        /** Whether {@code '\n'} is written as a code, as in a one-line message. */
        private final boolean lineBreaksEscaped;
        /** Whether the text is JSON, whose structure ends runs; then whether it is inside a string, after a backslash. */
        private final boolean json;
        private boolean inString;
        private boolean afterBackslash;

        Filter(Writer target, boolean lineBreaksEscaped, boolean json) {
            super(target);
            this.target = target;
            this.lineBreaksEscaped = lineBreaksEscaped;
            this.json = json;
        }

        /**
         * Follows the JSON's structure over one code point: whether it is part of the structure (a string's quote, or
         * outside strings a brace, bracket, colon or comma), which ends any run.
         */
        private boolean structure(int codePoint) {
            if (inString) {
                if (afterBackslash) {
                    afterBackslash = false;
                } else if (codePoint == '\\') {
                    afterBackslash = true;
                } else if (codePoint == '"') {
                    inString = false;
                    return true;
                }
                return false;
            }
            if (codePoint == '"') {
                inString = true;
                return true;
            }
            return codePoint == '{' || codePoint == '}' || codePoint == '[' || codePoint == ']' || codePoint == ':'
                    || codePoint == ',';
        }

        @Override
        public void write(int c) throws IOException {
            synchronized (lock) {
                ensureOpen();
                take((char) c);
                handOn();
            }
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            write(CharBuffer.wrap(chars), offset, length);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            write((CharSequence) text, offset, length);
        }

        private void write(CharSequence text, int offset, int length) throws IOException {
            synchronized (lock) {
                ensureOpen();
                Objects.checkFromIndexSize(offset, length, text.length());
                int end = offset + length;
                for (int i = offset; i < end; ) {
                    if (clear() && passes(text.charAt(i))) {
                        int from = i;
                        if (json) {
                            structure(text.charAt(i));
                        }
                        while (++i < end && passes(text.charAt(i))) {
                            // a stretch that is written as it is; nothing is held, so structure ends no run here
                            if (json) {
                                structure(text.charAt(i));
                            }
                        }
                        pending.append(text, from, i);
                    } else {
                        take(text.charAt(i++));
                    }
                    handOnIfLarge();
                }
                handOn();
            }
        }

        /**
         * Whether nothing is held (no run under way, no half of a surrogate pair) and no code's digits were written
         * last: then a char that {@link #passes} is written as it is and leaves all so. Text such as JSON is mostly
         * such chars, written here a stretch at a time rather than one by one through the state machine.
         */
        private boolean clear() {
            return digits == 0 && high == 0 && trailingDigits == 0;
        }

        /** Writes everything but a run that has not ended (and a high surrogate waiting for its other half). */
        @Override
        public void flush() throws IOException {
            synchronized (lock) {
                ensureOpen();
                handOn();
                target.flush();
            }
        }

        /** Ends the text: writes what is held, then closes the target. */
        @Override
        public void close() throws IOException {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    if (high != 0) {
                        char alone = high;
                        high = 0;
                        accept(alone);
                    }
                    endRun();
                    handOn();
                } finally {
                    target.close();
                }
            }
        }

        /** How many chars of a run are held: the text of a run that may yet be written as it is, and its gap. */
        int held() {
            synchronized (lock) {
                return run.length() + gapLength + (high != 0 ? 1 : 0);
            }
        }

        private void ensureOpen() throws IOException {
            if (closed) {
                throw new IOException("the safe-text writer is closed");
            }
        }

        private void handOnIfLarge() throws IOException {
            if (pending.length() >= HAND_ON_AT) {
                handOn();
            }
        }

        private void handOn() throws IOException {
            if (pending.length() > 0) {
                String text = pending.toString();
                pending.setLength(0);
                target.write(text);
            }
        }

        /** One char: surrogate pairs are joined into a code point, even when split across writes. */
        private void take(char c) {
            if (high != 0) {
                char first = high;
                high = 0;
                if (Character.isLowSurrogate(c)) {
                    accept(Character.toCodePoint(first, c));
                    return;
                }
                accept(first);
            }
            if (Character.isHighSurrogate(c)) {
                high = c;
            } else {
                accept(c);
            }
        }

        private void accept(int codePoint) {
            if (json && structure(codePoint)) {
                endRun();
                show(codePoint);
                trailingDigits = 0;
                return;
            }
            if (SafeText.digit(codePoint)) {
                digit(codePoint);
            } else if (separator(codePoint, lineBreaksEscaped)) {
                if (digits > 0) {
                    if (gapLength < MOST_SEPARATORS) {
                        gap[gapLength++] = codePoint;
                        return;
                    }
                    endRun();
                }
                show(codePoint);
            } else {
                endRun();
                show(codePoint);
            }
        }

        private void digit(int codePoint) {
            if (digits == 0) {
                digitsInARow = trailingDigits;
            } else {
                // The separators since the last digit belong to the run; a code among them starts a new row of
                // digits for a reader, with its own last digits.
                for (int i = 0; i < gapLength; i++) {
                    if (escaped(gap[i], lineBreaksEscaped)) {
                        digitsInARow = decimalDigitsEndingCode(gap[i]);
                    }
                    if (!cut) {
                        run.appendCodePoint(gap[i]);
                    }
                }
                gapLength = 0;
            }
            lastFour[(int) (digits % 4)] = (char) ('0' + valueOf(codePoint));
            digits++;
            digitsInARow++;
            if (!cut) {
                if (digits >= MASKED_FROM || digitsInARow >= MASKED_FROM) {
                    cut = true;
                    run.setLength(0);
                } else {
                    run.appendCodePoint(codePoint);
                }
            }
        }

        /** Writes the run not yet ended, if any, then the separators after it. */
        private void endRun() {
            if (digits == 0) {
                return;
            }
            if (cut) {
                pending.append("[digits ending ");
                for (int i = 0; i < 4; i++) {
                    pending.append(lastFour[(int) ((digits + i) % 4)]);
                }
                pending.append(']');
                trailingDigits = 0;
            } else {
                for (int i = 0; i < run.length(); ) {
                    int codePoint = run.codePointAt(i);
                    show(codePoint);
                    i += Character.charCount(codePoint);
                }
            }
            digits = 0;
            cut = false;
            run.setLength(0);
            int separators = gapLength;
            gapLength = 0;
            for (int i = 0; i < separators; i++) {
                show(gap[i]);
            }
        }

        /** Writes one code point that is not part of a run not yet ended: as it is, or as its code. */
        private void show(int codePoint) {
            if (escaped(codePoint, lineBreaksEscaped)) {
                appendCode(pending, codePoint);
                trailingDigits = decimalDigitsEndingCode(codePoint);
                separatorsSinceCode = 0;
            } else {
                pending.appendCodePoint(codePoint);
                if (trailingDigits > 0 && separator(codePoint, lineBreaksEscaped) && ++separatorsSinceCode <= MOST_SEPARATORS) {
                    return;
                }
                trailingDigits = 0;
            }
        }
    }
}
