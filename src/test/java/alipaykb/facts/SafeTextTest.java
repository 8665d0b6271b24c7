package alipaykb.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text written out by the product shows no run of 12 or more digits (in any digit script, grouped by up to
 * three separators, visible or not) but as {@code [digits ending DDDD]}, and no control or invisible
 * character but as its {@code U+XXXX} code. The streaming writer gives exactly the same text however the
 * input is split across writes, never hands on part of a run that may still be a card number, and holds
 * a long run in bounded memory. Applying it twice changes nothing more.
 */
class SafeTextTest {
    /** The zero of each digit script the generators draw from: ASCII, fullwidth, Arabic-Indic, Devanagari, mathematical bold. */
    private static final int[] ZEROS = {'0', 0xFF10, 0x0660, 0x0966, 0x1D7CE};

    /** Separators a reader would not see, each written as a code. */
    private static final List<String> INVISIBLE_SEPARATORS = List.of(
            "\t", "\r", "\u000B", "\u001B", "\u0007", "\u001F", "\u007F", "\u0085", "\u200B", "\u200D", "\u202E",
            "\u00AD", "\u2060", "\uFEFF", "\u2028", "\u2029");

    /** Separators written as they are. */
    private static final List<String> VISIBLE_SEPARATORS = List.of(
            " ", "\u00A0", "\u3000", "\u2003", "-", "\u2010", "\u2013", "\u2014", "\u2212", ".", "/", "_", "\\",
            "\uFF0E", "\uFF0F", "\uFF3F", "\u00B7", "\u30FB", "\u2027", ":", ",", "\"", "=", "(", ")", "+", "#", "[",
            "]", "\u2022", "\uFF65", "\u2215", "\u0387", "\uFE52", "\u30FC", "\u0640", "\u02D7");

    /** Code points written as codes that continue a run too: private use, unassigned, lone surrogates. */
    private static final List<String> UNUSUAL_SEPARATORS = List.of(
            "\uE000", "\uF8FF", "\u0378", "\uD800", "\uDC00", "\uDBFF",
            new String(Character.toChars(0xF0000)), new String(Character.toChars(0x100000)),
            new String(Character.toChars(0x40000)));

    /** Letters, which alone end a run, written as they are. */
    private static final String PLAIN = "abcxyzXYZéßЖ中";

    // --- Card-like runs are cut to their last four ---------------------------------------------------------

    static Stream<Arguments> groupedNumbers() {
        return Stream.of(
                Arguments.of("single spaces", "4000 1234 5678 9010"),
                Arguments.of("dashes", "4000-1234-5678-9010"),
                Arguments.of("dots", "4000.1234.5678.9010"),
                Arguments.of("slashes", "4000/1234/5678/9010"),
                Arguments.of("underscores", "4000_1234_5678_9010"),
                Arguments.of("double spaces", "4000  1234  5678  9010"),
                Arguments.of("triple spaces", "4000   1234   5678   9010"),
                Arguments.of("tabs", "4000\t1234\t5678\t9010"),
                Arguments.of("zero-width spaces", "4000\u200B1234\u200B5678\u200B9010"),
                Arguments.of("no-break spaces", "4000\u00A01234\u00A05678\u00A09010"),
                Arguments.of("a space, a dash and a zero-width joiner", "4000 -\u200D1234 5678 9010"),
                Arguments.of("ideographic spaces and minus signs", "4000\u30001234\u22125678\u30009010"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groupedNumbers")
    void aSixteenDigitNumberInGroupsIsCutToItsLastFour(String grouping, String number) {
        // Given a card number grouped in some way, quoted in a message

        // When the message is made safe
        String shown = SafeText.of("card '" + number + "' refused");

        // Then only its last four digits remain, in the marker
        assertThat(shown).isEqualTo("card '[digits ending 9010]' refused");
    }

    @Test
    void aTwentyOneDigitRunIsCutToItsLastFour() {
        assertThat(SafeText.of("id=400012345678901234567;")).isEqualTo("id=[digits ending 4567];");
    }

    @Test
    void aRunOfAHundredThousandDigitsBecomesOneMarker() {
        // Given a run of 100,000 digits ending in 0042
        String run = "7".repeat(99_996) + "0042";

        // When it is made safe
        String shown = SafeText.of("<" + run + ">");

        // Then one marker stands for it
        assertThat(shown).isEqualTo("<[digits ending 0042]>");
    }

    @Test
    void fullwidthDigitsAreCutAndTheirLastFourWrittenInAscii() {
        assertThat(SafeText.of("番号：４０００　１２３４　５６７８　９０１０。"))
                .isEqualTo("番号：[digits ending 9010]。");
    }

    @Test
    void arabicIndicDigitsAreCutAndTheirLastFourWrittenInAscii() {
        // Given 4000 1234 5678 9010 in Arabic-Indic digits
        String number = "\u0664\u0660\u0660\u0660 \u0661\u0662\u0663\u0664 \u0665\u0666\u0667\u0668 \u0669\u0660\u0661\u0660";

        // When it is made safe, then it is cut like any other
        assertThat(SafeText.of("رقم: " + number)).isEqualTo("رقم: [digits ending 9010]");
    }

    @Test
    void mathematicalDigitsOutsideTheBasicPlaneAreCut() {
        // Given 4000123456789010 in mathematical bold digits, each a surrogate pair
        StringBuilder number = new StringBuilder();
        "4000123456789010".chars().forEach(d -> number.appendCodePoint(0x1D7CE + d - '0'));

        // When it is made safe, then it is cut
        assertThat(SafeText.of("n " + number + " n")).isEqualTo("n [digits ending 9010] n");
    }

    @Test
    void digitsOfDifferentScriptsMakeOneRun() {
        assertThat(SafeText.of("4000 １２３４ \u0665\u0666\u0667\u0668 9010")).isEqualTo("[digits ending 9010]");
    }

    @Test
    void anElevenDigitRunIsLeftAlone() {
        assertThat(SafeText.of("call 400 1234 5678, order 12345678901.")).isEqualTo("call 400 1234 5678, order 12345678901.");
    }

    @Test
    void twoRunsSeparatedByALetterAreJudgedEachOnItsOwn() {
        // Given two 12-digit runs apart by a letter, and two 6-digit runs apart by a letter
        String twoLong = "400012345678x901012345679";
        String twoShort = "400012x345678";

        // When they are made safe, then each long run is cut and the short ones are left alone
        assertThat(SafeText.of(twoLong)).isEqualTo("[digits ending 5678]x[digits ending 5679]");
        assertThat(SafeText.of(twoShort)).isEqualTo(twoShort);
    }

    @Test
    void fourSeparatorsInARowEndARun() {
        assertThat(SafeText.of("4000 1234    5678 9010")).isEqualTo("4000 1234    5678 9010");
        assertThat(SafeText.of("4000 1234 - _5678 9010")).isEqualTo("4000 1234 - _5678 9010");
    }

    @Test
    void separatorsAfterARunAreWrittenAfterItsMarker() {
        assertThat(SafeText.of("4000-1234-5678-9010-- ")).isEqualTo("[digits ending 9010]-- ");
        assertThat(SafeText.of("4000 1234 5678 9010\u200B.")).isEqualTo("[digits ending 9010]U+200B.");
        assertThat(SafeText.of("4000 1234 5678 9010 \t  x")).isEqualTo("[digits ending 9010] U+0009  x");
    }

    @Test
    void invisibleSeparatorsInAShortRunAreWrittenAsCodes() {
        assertThat(SafeText.of("1234\u200B5678")).isEqualTo("1234U+200B5678");
    }

    // --- Control and invisible characters are written as codes ---------------------------------------------

    @Test
    void escapeBellCarriageReturnAndRightToLeftOverrideAreWrittenAsCodes() {
        // Given text that would recolour a terminal, ring it, return the cursor and reverse what follows
        String text = "a\u001B[31mb\u0007c\rd\u202Eevil";

        // When it is made safe
        String shown = SafeText.of(text);

        // Then each of those characters is written as its code
        assertThat(shown).isEqualTo("aU+001B[31mbU+0007cU+000DdU+202Eevil");
    }

    @Test
    void aNewLineIsKeptAndEndsARun() {
        // Given two 8-digit runs on two lines, which would be 16 digits on one
        String text = "4000 1234\n5678 9010\n";

        // When it is made safe, then nothing changes
        assertThat(SafeText.of(text)).isEqualTo(text);
    }

    @Test
    void aLoneSurrogateIsWrittenAsItsCode() {
        assertThat(SafeText.of("a\uD800b")).isEqualTo("aU+D800b");
        assertThat(SafeText.of("a\uDC00")).isEqualTo("aU+DC00");
        assertThat(SafeText.of("\uDBFF")).isEqualTo("U+DBFF");
    }

    @Test
    void codesAreUppercaseHexOfAtLeastFourDigits() {
        // Given code points in and outside the basic plane
        int[] codePoints = {0x0, 0x7F, 0x9F, 0xAD, 0x2028, 0xE000, 0xF0000, 0x10FFFD, 0x40000, 0xE0001};

        // When each is made safe, then it is written as String.format("U+%04X") writes it
        for (int codePoint : codePoints) {
            assertThat(SafeText.of(new String(Character.toChars(codePoint))))
                    .as("U+%04X", codePoint).isEqualTo(String.format("U+%04X", codePoint));
        }
    }

    @Test
    void digitsThatEndACodeCountWithTheDigitsAfterIt() {
        // Given a bell, whose code ends in four digits, before ten digits: read back, 14 digits in a row
        String bellThenDigits = "\u00071234567890";
        // and a zero-width space, whose code ends in a letter, before eleven digits
        String spaceThenDigits = "\u200B12345678901";

        // When they are made safe
        // Then the digits after the bell are cut, and those after the zero-width space are not
        assertThat(SafeText.of(bellThenDigits)).isEqualTo("U+0007[digits ending 7890]");
        assertThat(SafeText.of(spaceThenDigits)).isEqualTo("U+200B12345678901");
        // and the same holds for a code inside a short run, and for one a few spaces before it
        assertThat(SafeText.of("1\u00071234567890")).isEqualTo("[digits ending 7890]");
        assertThat(SafeText.of("x\u2028 12345678")).isEqualTo("xU+2028 [digits ending 5678]");
        assertThat(SafeText.of("x\u2028    12345678")).isEqualTo("xU+2028    12345678");
    }

    @Test
    void theMarkerAndACodePassThroughUnchanged() {
        assertThat(SafeText.of("[digits ending 1234]")).isEqualTo("[digits ending 1234]");
        assertThat(SafeText.of("U+202E")).isEqualTo("U+202E");
        assertThat(SafeText.of("U+0007[digits ending 7890]")).isEqualTo("U+0007[digits ending 7890]");
    }

    @Test
    void nullStaysNull() {
        assertThat(SafeText.of(null)).isNull();
    }

    // --- The writer ----------------------------------------------------------------------------------------

    @Test
    void aFlushHoldsBackARunThatMayStillBeACardNumber() throws IOException {
        // Given a writer that has been given the start of a card number
        Recording target = new Recording();
        Writer safe = SafeText.writer(target);
        safe.write("card 4000 1234 5678");

        // When it is flushed
        safe.flush();

        // Then the target has the text before the run and no digit of it
        assertThat(target.seen()).isEqualTo("card ");
        assertThat(target.flushes).isEqualTo(1);

        // and when the rest of the number and a new line follow, the target gets the marker at the next flush
        safe.write(" 9010\nnext");
        safe.flush();
        assertThat(target.seen()).isEqualTo("card [digits ending 9010]\nnext");
    }

    @Test
    void aFlushHoldsBackUpToThreeSeparatorsAfterARun() throws IOException {
        // Given a writer given 8 digits and three spaces, which more digits could still join
        Recording target = new Recording();
        Writer safe = SafeText.writer(target);
        safe.write("x 4000 1234   ");

        // When it is flushed, then the digits and the spaces are held back
        safe.flush();
        assertThat(target.seen()).isEqualTo("x ");

        // and a fourth space ends the run, which is then written as it is
        safe.write(" ");
        safe.flush();
        assertThat(target.seen()).isEqualTo("x 4000 1234    ");
    }

    @Test
    void aSurrogatePairSplitAcrossTwoWritesIsOneCodePoint() throws IOException {
        // Given a mathematical digit and a private-use code point, each written half and half
        Recording target = new Recording();
        Writer safe = SafeText.writer(target);
        String digitOne = new String(Character.toChars(0x1D7CF));
        String privateUse = new String(Character.toChars(0x100000));

        // When they are written a char at a time, after eleven digits
        safe.write("a 12345678901");
        safe.write(digitOne.charAt(0));
        safe.flush();
        assertThat(target.seen()).isEqualTo("a ");
        safe.write(digitOne.charAt(1));
        safe.write(privateUse.charAt(0));
        safe.write(privateUse.charAt(1));
        safe.close();

        // Then the digit completes a 12-digit run and the private-use code point is one code
        assertThat(target.seen()).isEqualTo("a [digits ending 9011]U+100000");
    }

    private static String throughJsonWriter(String... writes) throws IOException {
        StringWriter target = new StringWriter();
        try (Writer safe = SafeText.jsonWriter(target)) {
            for (String write : writes) {
                safe.write(write);
            }
        }
        return target.toString();
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "{\"fees\":{\"t0\":\"529.42-1588.26\"}}",
        "{\"cards\":[\"41111111\",\"1111\"]}",
        "{\"fees\":{\"order-20250601-1\":\"1000.00\",\"order-20250601-2\":\"1050.00\"}}",
        "[12345678901,2345, 678]",
        "{\"a\":\"x\\\"1\",\"2\":\"22222222222\"}"})
    void jsonWhoseEveryStringAndNumberIsShortPassesTheJsonWriterUnchanged(String json) throws IOException {
        // Given JSON whose strings and numbers each hold fewer than 12 digits, though together they hold more
        // When it goes through the JSON writer
        String written = throughJsonWriter(json);

        // Then it is written as it is, where the text writer would have cut it
        assertThat(written).isEqualTo(json);
        assertThat(SafeText.of(json)).contains("[digits ending");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "{\"id\":\"4111 1111 1111 1111\"}",
        "{\"id\":\"4111\\\"1111\\\"1111\\\"1111\"}",
        "{\"id\":\"4111\\\\1111-1111-1111\"}",
        "{\"id\":\"x:4111,1111,1111,1111\"}",
        "{\"id\":\"x[4111]1111{1111}1111\"}",
        "[4111111111111111]"})
    void aCardNumberInsideOneStringOrNumberIsCutByTheJsonWriter(String json) throws IOException {
        // Given JSON with a card number inside one string (its groups apart by escaped quotes, backslashes, or
        // characters that are structure only outside strings) or as one number
        // When it goes through the JSON writer, whole or a character at a time
        String whole = throughJsonWriter(json);
        String split = throughJsonWriter(json.split(""));

        // Then the card number is cut to its last four, either way
        assertThat(whole).contains("[digits ending 1111]").doesNotContain("4111");
        assertThat(split).isEqualTo(whole);
    }

    @Test
    void closingWritesAPendingRunAndClosesTheTarget() throws IOException {
        // Given a writer holding a 16-digit run
        Recording target = new Recording();
        Writer safe = SafeText.writer(target);
        safe.write("4000123456789010");

        // When it is closed
        safe.close();

        // Then the run is written, the target closed, and closing again changes nothing
        assertThat(target.seen()).isEqualTo("[digits ending 9010]");
        assertThat(target.closed).isTrue();
        safe.close();
        assertThat(target.seen()).isEqualTo("[digits ending 9010]");
    }

    @Test
    void aHighSurrogateLeftAtTheEndIsWrittenAsItsCode() throws IOException {
        Recording target = new Recording();
        Writer safe = SafeText.writer(target);
        safe.write("ab\uD83D");
        safe.flush();
        assertThat(target.seen()).isEqualTo("ab");
        safe.close();
        assertThat(target.seen()).isEqualTo("abU+D83D");
    }

    @Test
    void writingAfterCloseFails() throws IOException {
        Writer safe = SafeText.writer(new StringWriter());
        safe.close();

        assertThatThrownBy(() -> safe.write("x")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> safe.write('x')).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> safe.write(new char[] {'x'}, 0, 1)).isInstanceOf(IOException.class);
        assertThatThrownBy(safe::flush).isInstanceOf(IOException.class);
    }

    @Test
    void aRunOfAMillionDigitsIsHeldAsItsLastFourDigitsAndACount() throws IOException {
        // Given a writer given a million digits, with separators, a thousand chars at a time
        Recording target = new Recording();
        SafeText.Filter safe = (SafeText.Filter) SafeText.writer(target);
        String piece = "1234 5678-" + "9".repeat(990);
        int mostHeld = 0;
        for (int i = 0; i < 1_000; i++) {
            safe.write(piece);
            safe.flush();
            mostHeld = Math.max(mostHeld, safe.held());
        }
        String seenBeforeItsEnd = target.seen();

        // When it ends
        safe.write("0042.");
        safe.close();

        // Then nothing of it was handed on before its end, no more than a separator was ever held beside its
        // last four digits and count, and the whole run is one marker
        assertThat(seenBeforeItsEnd).isEmpty();
        assertThat(mostHeld).isLessThanOrEqualTo(SafeText.MOST_SEPARATORS);
        assertThat(target.seen()).isEqualTo("[digits ending 0042].");
    }

    // --- Properties: card-like numbers in any script and grouping --------------------------------------------

    /** A card-like number of 12 to 25 digits, grouped by random separators, between text holding no digit. */
    record CardText(String prefix, String digits, String number, String suffix) {
        String text() {
            return prefix + number + suffix;
        }

        String lastFour() {
            return digits.substring(digits.length() - 4);
        }
    }

    @Provide
    Arbitrary<CardText> cardTexts() {
        Arbitrary<String> asciiDigits = Arbitraries.strings().withCharRange('0', '9').ofMinLength(12).ofMaxLength(25);
        return asciiDigits.flatMap(digits -> Combinators.combine(
                        Arbitraries.of(IntStream.of(ZEROS).boxed().toList()).list().ofSize(digits.length()),
                        separatorRuns().list().ofSize(digits.length() - 1),
                        plainText(), plainText())
                .as((zeros, gaps, prefix, suffix) -> {
                    StringBuilder number = new StringBuilder();
                    for (int i = 0; i < digits.length(); i++) {
                        if (i > 0) {
                            number.append(gaps.get(i - 1));
                        }
                        number.appendCodePoint(zeros.get(i) + digits.charAt(i) - '0');
                    }
                    return new CardText(prefix, digits, number.toString(), suffix);
                }));
    }

    @Property
    void aCardLikeNumberShowsNoneOfItsFirstEightDigitsAndEndsAsItsLastFour(@ForAll("cardTexts") CardText card) {
        // Given a card-like number in random scripts and groupings, between text holding no digit

        // When the text is made safe
        String shown = SafeText.of(card.text());

        // Then, markers aside, none of its first eight digits is left, in any script
        assertThat(digitsOutsideMarkers(shown)).doesNotContain(card.digits().substring(0, 8));
        // and the marker holds its last four
        assertThat(shown).contains("[digits ending " + card.lastFour() + "]");
        // and no control or invisible character is left
        assertThat(shown.codePoints().filter(SafeTextTest::writtenAsACode).toArray()).isEmpty();
        // and the text around it is kept as it was
        assertThat(shown).isEqualTo(card.prefix() + "[digits ending " + card.lastFour() + "]" + card.suffix());
    }

    @Property
    void aCardLikeNumberMadeSafeTwiceIsTheSameAsOnce(@ForAll("cardTexts") CardText card) {
        String once = SafeText.of(card.text());
        assertThat(SafeText.of(once)).isEqualTo(once);
    }

    // --- Properties: any text ----------------------------------------------------------------------------------

    @Property
    void noTextMadeSafeHoldsTwelveDigitsInARowOrAControlOrInvisibleCharacter(@ForAll("anyTexts") String text) {
        // Given any text: digits of several scripts, separators, letters, codes of every kind

        // When it is made safe
        String shown = SafeText.of(text);

        // Then a reader finds no run of 12 digits in it, and no character that would be written as a code
        assertThat(longestRun(shown)).as("longest run in %s", shown).isLessThan(12);
        assertThat(shown.codePoints().filter(SafeTextTest::writtenAsACode).toArray()).isEmpty();
    }

    @Property
    void anyTextMadeSafeTwiceIsTheSameAsOnce(@ForAll("anyTexts") String text) {
        String once = SafeText.of(text);
        assertThat(SafeText.of(once)).isEqualTo(once);
    }

    @Property
    void textWithNoCodesIsCutExactlyWhereARunOfTwelveDigitsIs(@ForAll("textsWithoutCodes") String text) {
        // Given text of digits, visible separators, letters and new lines

        // When it is made safe, then it is what a plain reading of the rule gives
        assertThat(SafeText.of(text)).isEqualTo(cutByHand(text));
    }

    @Property
    void textWithoutLongRunsOrCodesComesBackUnchanged(@ForAll("textsWithoutLongRunsOrCodes") String text) {
        assertThat(SafeText.of(text)).isEqualTo(text);
    }

    @Property
    void whateverWayATextIsSplitAcrossWritesTheTargetReceivesItsSafeForm(
            @ForAll("textsToSplit") String text,
            @ForAll @Size(max = 12) List<@IntRange(max = 10_000) Integer> cuts,
            @ForAll @Size(max = 13) List<@IntRange(max = 3) Integer> ways,
            @ForAll @Size(max = 13) List<Boolean> flushes) throws IOException {
        // Given a text, cut at random chars (a surrogate pair may be cut in two)
        String whole = SafeText.of(text);
        int[] points = IntStream.concat(IntStream.of(0, text.length()),
                cuts.stream().mapToInt(cut -> cut % (text.length() + 1))).distinct().sorted().toArray();
        Recording target = new Recording();
        Writer safe = SafeText.writer(target);

        // When its pieces are written each in some way, and flushed now and then
        for (int i = 0; i + 1 < points.length; i++) {
            String piece = text.substring(points[i], points[i + 1]);
            writeIn(safe, piece, i < ways.size() ? ways.get(i) : 1);
            // Then what the target has seen is always the start of the safe form of the whole text
            assertThat(whole).startsWith(target.seen());
            if (i < flushes.size() && flushes.get(i)) {
                safe.flush();
                assertThat(whole).startsWith(target.seen());
                // and after a flush at a char that ends any run, it has the safe form of everything so far
                char last = text.charAt(points[i + 1] - 1);
                if (last == '\n' || PLAIN.indexOf(last) >= 0) {
                    assertThat(target.seen()).isEqualTo(SafeText.of(text.substring(0, points[i + 1])));
                }
            }
        }
        safe.close();

        // Then the target has received exactly the safe form of the whole text, and is closed
        assertThat(target.seen()).isEqualTo(whole);
        assertThat(target.closed).isTrue();
    }

    // --- Generators --------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<String> anyTexts() {
        return atoms(Arbitraries.frequencyOf(
                Tuple.of(12, digits()),
                Tuple.of(3, Arbitraries.of(VISIBLE_SEPARATORS)),
                Tuple.of(3, Arbitraries.of(INVISIBLE_SEPARATORS)),
                Tuple.of(2, Arbitraries.of(UNUSUAL_SEPARATORS)),
                Tuple.of(2, plainChars()),
                Tuple.of(1, Arbitraries.just("\n"))), 80);
    }

    @Provide
    Arbitrary<String> textsWithoutCodes() {
        return atoms(Arbitraries.frequencyOf(
                Tuple.of(12, digits()),
                Tuple.of(4, Arbitraries.of(VISIBLE_SEPARATORS)),
                Tuple.of(1, plainChars()),
                Tuple.of(1, Arbitraries.just("\n"))), 80);
    }

    @Property
    void jsonShapedTextWrittenInOnePieceIsTheTextWrittenACharAtATime(@ForAll("jsonShapedTexts") String text,
                                                                      @ForAll boolean oneLine, @ForAll boolean json)
            throws IOException {
        // Given text shaped like JSON: mostly printable ASCII, numbers among it, now and then a control or
        // invisible character, a line break, a digit of another script or half of a surrogate pair

        // When it is written in one piece (a stretch at a time where it can be), and a char at a time
        StringWriter whole = new StringWriter();
        try (Writer safe = new SafeText.Filter(whole, oneLine, json)) {
            safe.write(text);
        }
        StringWriter oneByOne = new StringWriter();
        try (Writer safe = new SafeText.Filter(oneByOne, oneLine, json)) {
            for (int i = 0; i < text.length(); i++) {
                safe.write(text.charAt(i));
            }
        }

        // Then both give the same safe form, which is the text's (as text; as JSON, runs end at its structure)
        assertThat(whole.toString()).isEqualTo(oneByOne.toString());
        if (!json) {
            assertThat(whole.toString()).isEqualTo(oneLine ? SafeText.oneLine(text) : SafeText.of(text));
        }
    }

    @Provide
    Arbitrary<String> jsonShapedTexts() {
        return atoms(Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of("\"code\":\"DIRECT_BIND\",", "{\"value\":", "],\"because\":[{", "\"rule\":",
                        "null", "\"t1\"", " ", "-", ".", ",", ":", "\"", "/", "[", "}", "Open Alipay.", "x")),
                Tuple.of(8, Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(6)),
                Tuple.of(2, digits()),
                Tuple.of(1, Arbitraries.of("\n", "\t", "\u0007", "\u007F", "\u200B", "\u3164", "\u00A0", "\u00E9", "\uD83D",
                        "\uDE00", "\uD83D\uDE00", "U+0007"))), 120);
    }

    @Provide
    Arbitrary<String> textsToSplit() {
        return Arbitraries.oneOf(anyTexts(), cardTexts().map(CardText::text));
    }

    /** Groups of at most 11 digits, each ended by a letter, a new line or four separators or more. */
    @Provide
    Arbitrary<String> textsWithoutLongRunsOrCodes() {
        Arbitrary<String> shortRun = Arbitraries.integers().between(0, 11).flatMap(count -> Combinators.combine(
                        digits().list().ofSize(count), visibleSeparatorRuns().list().ofSize(count))
                .as((ds, gaps) -> {
                    StringBuilder run = new StringBuilder();
                    for (int i = 0; i < ds.size(); i++) {
                        run.append(ds.get(i));
                        if (i + 1 < ds.size()) {
                            run.append(gaps.get(i));
                        }
                    }
                    return run.toString();
                }));
        Arbitrary<String> end = Arbitraries.oneOf(
                plainText().filter(text -> !text.isEmpty()),
                Arbitraries.of(VISIBLE_SEPARATORS).list().ofMinSize(4).ofMaxSize(6).map(list -> String.join("", list)));
        return Combinators.combine(shortRun, end).as(String::concat).list().ofMaxSize(8)
                .map(parts -> String.join("", parts));
    }

    private static Arbitrary<String> atoms(Arbitrary<String> atom, int most) {
        return atom.list().ofMaxSize(most).map(list -> String.join("", list));
    }

    private static Arbitrary<String> digits() {
        return Combinators.combine(Arbitraries.of(IntStream.of(ZEROS).boxed().toList()), Arbitraries.integers().between(0, 9))
                .as((zero, value) -> new String(Character.toChars(zero + value)));
    }

    private static Arbitrary<String> separatorRuns() {
        return Arbitraries.oneOf(Arbitraries.of(VISIBLE_SEPARATORS), Arbitraries.of(INVISIBLE_SEPARATORS))
                .list().ofMaxSize(3).map(list -> String.join("", list));
    }

    private static Arbitrary<String> visibleSeparatorRuns() {
        return Arbitraries.of(VISIBLE_SEPARATORS).list().ofMaxSize(3).map(list -> String.join("", list));
    }

    private static Arbitrary<String> plainChars() {
        return Arbitraries.strings().withChars(PLAIN.toCharArray()).ofLength(1);
    }

    /** Letters, punctuation that is not a separator, and new lines: no digit, separator or code. */
    private static Arbitrary<String> plainText() {
        return Arbitraries.strings().withChars((PLAIN + "\n").toCharArray()).ofMaxLength(20);
    }

    // --- The rule read plainly, for checking ----------------------------------------------------------------

    private static boolean writtenAsACode(int codePoint) {
        int type = Character.getType(codePoint);
        return (type == Character.CONTROL && codePoint != '\n') || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.PRIVATE_USE || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }

    private static boolean separates(int codePoint) {
        if (codePoint == '\n' || Character.isDigit(codePoint)) {
            return false;
        }
        return !Character.isLetter(codePoint) || Character.getType(codePoint) == Character.MODIFIER_LETTER
                || "\u115F\u1160\u3164\uFFA0".indexOf(codePoint) >= 0;
    }

    /** The most digits in one run of a text. */
    private static long longestRun(String text) {
        long longest = 0;
        long run = 0;
        int separators = 0;
        for (int codePoint : text.codePoints().toArray()) {
            if (Character.isDigit(codePoint)) {
                run = run > 0 && separators <= 3 ? run + 1 : 1;
                separators = 0;
                longest = Math.max(longest, run);
            } else if (separates(codePoint)) {
                separators++;
            } else {
                run = 0;
            }
        }
        return longest;
    }

    /** The rule applied to a text with no character written as a code: find each run whole, then judge it. */
    private static String cutByHand(String text) {
        int[] codePoints = text.codePoints().toArray();
        StringBuilder shown = new StringBuilder();
        int i = 0;
        while (i < codePoints.length) {
            if (!Character.isDigit(codePoints[i])) {
                shown.appendCodePoint(codePoints[i++]);
                continue;
            }
            List<Integer> digits = new ArrayList<>(List.of(codePoints[i]));
            int last = i;
            while (true) {
                int next = last + 1;
                while (next < codePoints.length && next - last <= 3 && separates(codePoints[next])) {
                    next++;
                }
                if (next < codePoints.length && Character.isDigit(codePoints[next])) {
                    digits.add(codePoints[next]);
                    last = next;
                } else {
                    break;
                }
            }
            if (digits.size() >= 12) {
                shown.append("[digits ending ");
                digits.subList(digits.size() - 4, digits.size()).forEach(d -> shown.append(Character.digit(d, 10)));
                shown.append(']');
            } else {
                for (int j = i; j <= last; j++) {
                    shown.appendCodePoint(codePoints[j]);
                }
            }
            i = last + 1;
        }
        return shown.toString();
    }

    /** The digits of a text outside {@code [digits ending DDDD]} markers, in ASCII. */
    private static String digitsOutsideMarkers(String text) {
        StringBuilder digits = new StringBuilder();
        text.replaceAll("\\[digits ending [0-9]{4}]", "").codePoints().filter(Character::isDigit)
                .forEach(d -> digits.append(Character.digit(d, 10)));
        return digits.toString();
    }

    private static void writeIn(Writer safe, String piece, int way) throws IOException {
        switch (way) {
            case 0 -> {
                for (int i = 0; i < piece.length(); i++) {
                    safe.write(piece.charAt(i));
                }
            }
            case 1 -> safe.write(("<<" + piece + ">>").toCharArray(), 2, piece.length());
            case 2 -> safe.write("<<" + piece + ">>", 2, piece.length());
            default -> safe.append(piece);
        }
    }

    /** A target that keeps what it was given, and counts its flushes. */
    private static final class Recording extends Writer {
        private final StringBuilder seen = new StringBuilder();
        int flushes;
        boolean closed;

        String seen() {
            return seen.toString();
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            if (closed) {
                throw new IOException("closed");
            }
            seen.append(chars, offset, length);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
