package alipaykb.bench;

import alipaykb.bench.HandWrittenDecision.FundingEntry;
import alipaykb.bench.HandWrittenDecision.TierLimit;
import alipaykb.bench.HandWrittenDecision.TransactionVerdict;
import alipaykb.decisions.AdviceCode;
import alipaykb.decisions.FundingCode;
import alipaykb.decisions.Likelihood;
import alipaykb.decisions.LimitScope;
import alipaykb.decisions.Outcome;
import alipaykb.decisions.ReasonCode;
import alipaykb.decisions.TierCode;
import alipaykb.facts.App;
import alipaykb.facts.Card;
import alipaykb.facts.CardType;
import alipaykb.facts.Network;
import alipaykb.facts.Payment;
import alipaykb.facts.Profile;
import alipaykb.facts.TransactionKind;
import alipaykb.facts.Usage;
import alipaykb.facts.User;
import alipaykb.facts.Verification;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decision the shipped rules make (policy.md), written by hand in plain Java, for speed: the baseline the
 * rule engine is benchmarked against. It is benchmark-only and never part of the product, which is why the
 * policy's numbers are constants here (the product keeps them in the rule files).
 *
 * <p>Money is counted in whole fen (hundredths of a CNY) in {@code long}s: every input amount has at most two
 * decimals, so sums and comparisons are exact. A limit converted from USD may have more decimals; since the
 * left side of "usage + amount &gt; limit" is a whole number of fen, comparing it with the limit's value in fen
 * rounded down is exact too. Fee items are rounded half-up to the fen one by one, as the rules round them.
 */
public final class HandWrittenPolicy {

    // --- Dates (pboc-2024) -----------------------------------------------------------------------------------

    /** American Express cards may be bound from this day on. */
    private static final LocalDate AMEX_BINDABLE_FROM = LocalDate.of(2025, 2, 25);
    /** The USD caps on foreign cards and on spending without verification were raised on this day. */
    private static final LocalDate CAPS_RAISED_ON = LocalDate.of(2024, 3, 1);

    // --- Exchange rate ------------------------------------------------------------------------------------------

    private static final String USD = "USD";
    /** CNY per USD when the profile gives no rate. */
    private static final BigDecimal DEFAULT_USD_RATE = new BigDecimal("7.20");

    // --- Caps in USD (pboc-2024) --------------------------------------------------------------------------------

    private static final BigDecimal USD_PER_PAYMENT_BEFORE = new BigDecimal("1000");
    private static final BigDecimal USD_PER_YEAR_BEFORE = new BigDecimal("10000");
    private static final BigDecimal USD_NO_ID_YEAR_BEFORE = new BigDecimal("500");
    private static final BigDecimal USD_PER_PAYMENT_FROM = new BigDecimal("5000");
    private static final BigDecimal USD_PER_YEAR_FROM = new BigDecimal("50000");
    private static final BigDecimal USD_NO_ID_YEAR_FROM = new BigDecimal("2000");

    // --- Tier limits in CNY (seed) ------------------------------------------------------------------------------

    private static final String UNVERIFIED_DAILY = "1000";
    private static final String UNVERIFIED_MONTHLY = "5000";
    private static final String PASSPORT_DAILY = "5000";
    private static final String PASSPORT_MONTHLY = "20000";
    private static final String REAL_NAME_DAILY_TRANSFER = "50000";
    private static final String REAL_NAME_DAILY_QR = "50000";
    private static final String REAL_NAME_ANNUAL = "200000";
    private static final String RED_ENVELOPE_MOST = "200";
    private static final String RED_ENVELOPES_A_DAY = "100";

    // --- Fees -----------------------------------------------------------------------------------------------------

    /** The foreign-card service fee applies to payments above 200 CNY (in fen). */
    private static final long SERVICE_FEE_ABOVE = 200_00L;
    private static final long SERVICE_FEE_PERCENT = 3;
    private static final long CONVERSION_MIN_PERCENT = 1;
    private static final long CONVERSION_MAX_PERCENT = 3;

    // --- Lookup tables ----------------------------------------------------------------------------------------------

    /** Options of the same likelihood are ranked in this order. */
    private static final FundingCode[] ORDER = {
        FundingCode.DIRECT_BIND, FundingCode.REGIONAL_WALLET, FundingCode.LOCAL_SIM_WALLET, FundingCode.HUABEI,
        FundingCode.VIRTUAL_PREPAID, FundingCode.THIRD_PARTY_TOPUP, FundingCode.FRIEND_TRANSFER};
    private static final Likelihood[] LIKELIHOODS = Likelihood.values();
    private static final int FUNDING_CODES = FundingCode.values().length;
    private static final int KINDS = TransactionKind.values().length;
    private static final ReasonCode[] REASONS = ReasonCode.values();

    /** No limit of this kind on the tier. */
    private static final long NO_LIMIT = -1;
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    private static final BigDecimal ZERO_FEE = BigDecimal.ZERO.setScale(2);

    private static final int NOT_SUPPORTED = bit(ReasonCode.NOT_SUPPORTED);
    private static final int FOREIGN_CARD_TOP_UP = bit(ReasonCode.FOREIGN_CARD_TOP_UP);
    private static final int FEATURE_UNAVAILABLE = bit(ReasonCode.FEATURE_UNAVAILABLE);
    private static final int FOREIGN_CARD_RESTRICTED = bit(ReasonCode.FOREIGN_CARD_RESTRICTED);
    private static final int RED_ENVELOPE_AMOUNT = bit(ReasonCode.RED_ENVELOPE_AMOUNT);
    private static final int RED_ENVELOPE_COUNT = bit(ReasonCode.RED_ENVELOPE_COUNT);
    private static final int DAILY_LIMIT = bit(ReasonCode.DAILY_LIMIT);
    private static final int MONTHLY_LIMIT = bit(ReasonCode.MONTHLY_LIMIT);
    private static final int ANNUAL_LIMIT = bit(ReasonCode.ANNUAL_LIMIT);
    private static final int CARD_TRANSACTION_LIMIT = bit(ReasonCode.CARD_TRANSACTION_LIMIT);
    private static final int CARD_ANNUAL_LIMIT = bit(ReasonCode.CARD_ANNUAL_LIMIT);
    private static final int VERIFICATION_REQUIRED = bit(ReasonCode.VERIFICATION_REQUIRED);
    private static final int NO_REGIONAL_WALLET = bit(ReasonCode.NO_REGIONAL_WALLET);
    private static final int WALLET_MERCHANTS_ONLY = bit(ReasonCode.WALLET_MERCHANTS_ONLY);
    /** A denial for one of these reasons advises raising limits. */
    private static final int LIMIT_REASONS = DAILY_LIMIT | MONTHLY_LIMIT | ANNUAL_LIMIT | VERIFICATION_REQUIRED;

    private static final int VERIFY_PASSPORT = 1;
    private static final int RAISE_LIMITS = 2;
    private static final int SECOND_ACCOUNT_RESTRICTED = 4;
    /** Every combination of the three advice codes, by the bits above. */
    private static final List<Set<AdviceCode>> ADVICE = adviceSets();

    /** The caps in force at the default rate, before and from the day they were raised. */
    private static final Caps DEFAULT_CAPS_BEFORE =
            new Caps(USD_PER_PAYMENT_BEFORE, USD_PER_YEAR_BEFORE, USD_NO_ID_YEAR_BEFORE, DEFAULT_USD_RATE);
    private static final Caps DEFAULT_CAPS_FROM =
            new Caps(USD_PER_PAYMENT_FROM, USD_PER_YEAR_FROM, USD_NO_ID_YEAR_FROM, DEFAULT_USD_RATE);

    private static final TierTable UNVERIFIED = new TierTable(TierCode.UNVERIFIED, false, false,
            List.of(limit(LimitScope.DAILY, null, UNVERIFIED_DAILY),
                    limit(LimitScope.MONTHLY, null, UNVERIFIED_MONTHLY)));
    private static final TierTable PASSPORT_VERIFIED = new TierTable(TierCode.PASSPORT_VERIFIED, true, true,
            List.of(limit(LimitScope.DAILY, null, PASSPORT_DAILY),
                    limit(LimitScope.MONTHLY, null, PASSPORT_MONTHLY),
                    limit(LimitScope.RED_ENVELOPE_AMOUNT, TransactionKind.RED_ENVELOPE, RED_ENVELOPE_MOST),
                    limit(LimitScope.RED_ENVELOPES_PER_DAY, TransactionKind.RED_ENVELOPE, RED_ENVELOPES_A_DAY)));
    private static final TierTable REAL_NAME_VERIFIED = new TierTable(TierCode.REAL_NAME_VERIFIED, true, true,
            List.of(limit(LimitScope.DAILY, TransactionKind.QR_PAYMENT, REAL_NAME_DAILY_QR),
                    limit(LimitScope.DAILY, TransactionKind.TRANSFER, REAL_NAME_DAILY_TRANSFER),
                    limit(LimitScope.ANNUAL, null, REAL_NAME_ANNUAL),
                    limit(LimitScope.RED_ENVELOPE_AMOUNT, TransactionKind.RED_ENVELOPE, RED_ENVELOPE_MOST),
                    limit(LimitScope.RED_ENVELOPES_PER_DAY, TransactionKind.RED_ENVELOPE, RED_ENVELOPES_A_DAY)));

    private HandWrittenPolicy() {
    }

    /** Decides for one profile what the shipped rules decide. */
    public static HandWrittenDecision decide(Profile profile) {
        LocalDate asOf = profile.asOf();
        User user = profile.user();

        // 1. Funding options, and which cards are foreign
        List<Card> cards = profile.cards();
        int cardCount = cards.size();
        String[] cardIds = new String[cardCount];
        boolean[] foreign = new boolean[cardCount];
        Likelihood[] best = new Likelihood[FUNDING_CODES];
        @SuppressWarnings({"unchecked", "rawtypes"})
        ArrayList<String>[] offeredBy = new ArrayList[FUNDING_CODES];
        String residence = user.residence();
        boolean residenceHasWallet = hasRegionalWallet(residence);
        boolean chineseBankAccount = user.chineseBankAccount();
        for (int i = 0; i < cardCount; i++) {
            Card card = cards.get(i);
            String id = card.id();
            String issuerCountry = card.issuerCountry();
            CardType type = card.type();
            cardIds[i] = id;
            if ("CN".equals(issuerCountry)) {
                offer(best, offeredBy, FundingCode.DIRECT_BIND, Likelihood.HIGH, id);
            } else {
                foreign[i] = true;
                if ((type == CardType.CREDIT || type == CardType.DEBIT) && bindable(card.network(), asOf)) {
                    offer(best, offeredBy, FundingCode.DIRECT_BIND, Likelihood.LOW, id);
                }
                if (!chineseBankAccount) {
                    offer(best, offeredBy, FundingCode.THIRD_PARTY_TOPUP, Likelihood.MEDIUM, id);
                }
            }
            if (residenceHasWallet && residence.equals(issuerCountry)) {
                offer(best, offeredBy, FundingCode.REGIONAL_WALLET, Likelihood.HIGH, id);
            }
            if (type == CardType.VIRTUAL_PREPAID) {
                offer(best, offeredBy, FundingCode.VIRTUAL_PREPAID,
                        card.chinesePartner() ? Likelihood.HIGH : Likelihood.MEDIUM, id);
            }
        }
        if (user.chineseContact()) {
            offer(best, offeredBy, FundingCode.FRIEND_TRANSFER, Likelihood.MEDIUM, null);
        }
        if (user.inMainlandChina() && !user.chinesePhone()) {
            offer(best, offeredBy, FundingCode.LOCAL_SIM_WALLET, Likelihood.HIGH, null);
        }
        Verification verification = user.verification();
        if (verification == Verification.REAL_NAME && user.app() == App.MAINLAND) {
            offer(best, offeredBy, FundingCode.HUABEI, Likelihood.HIGH, null);
        }
        List<FundingEntry> funding = rank(best, offeredBy);

        // 2. The tier and its limits
        TierTable tier = verification == Verification.NONE ? UNVERIFIED
                : verification == Verification.PASSPORT ? PASSPORT_VERIFIED : REAL_NAME_VERIFIED;
        boolean capsRaised = !asOf.isBefore(CAPS_RAISED_ON);
        Map<String, BigDecimal> fx = profile.fx();
        BigDecimal givenRate = fx.isEmpty() ? null : fx.get(USD);
        Caps caps;
        List<TierLimit> limits;
        if (givenRate == null) {
            caps = capsRaised ? DEFAULT_CAPS_FROM : DEFAULT_CAPS_BEFORE;
            limits = capsRaised ? tier.limitsFrom : tier.limitsBefore;
        } else {
            caps = capsRaised
                    ? new Caps(USD_PER_PAYMENT_FROM, USD_PER_YEAR_FROM, USD_NO_ID_YEAR_FROM, givenRate)
                    : new Caps(USD_PER_PAYMENT_BEFORE, USD_PER_YEAR_BEFORE, USD_NO_ID_YEAR_BEFORE, givenRate);
            limits = tier.limitsWith(caps);
        }
        long noIdYear = tier == UNVERIFIED ? caps.noIdYearFen : NO_LIMIT;

        // 3. Usage so far
        Usage usage = profile.usage();
        long[] today = new long[KINDS];
        long todayTotal = 0;
        Map<TransactionKind, BigDecimal> usedToday = usage.today();
        if (!usedToday.isEmpty()) {
            for (Map.Entry<TransactionKind, BigDecimal> used : usedToday.entrySet()) {
                long fen = fen(used.getValue());
                today[used.getKey().ordinal()] = fen;
                todayTotal = Math.addExact(todayTotal, fen);
            }
        }
        int redEnvelopesToday = usage.redEnvelopesToday();
        long thisMonth = fen(usage.thisMonth());
        long thisYear = fen(usage.thisYear());
        long foreignCardsThisYear = fen(usage.foreignCardsThisYear());

        // 4. Verdicts and fees, in order: an allowed transaction counts toward the next
        boolean walletAtHome = hasRegionalWallet(profile.user().residence());
        List<Payment> payments = profile.transactions();
        int paymentCount = payments.size();
        TransactionVerdict[] verdicts = new TransactionVerdict[paymentCount];
        boolean raiseLimits = false;
        for (int p = 0; p < paymentCount; p++) {
            Payment payment = payments.get(p);
            TransactionKind kind = payment.kind();
            long amount = fen(payment.amount());
            String via = payment.via();
            boolean viaWallet = Payment.WALLET.equals(via);
            boolean viaForeignCard = !viaWallet && !Payment.BALANCE.equals(via) && isForeignCard(via, cardIds, foreign);
            boolean transferOrRedEnvelope = kind == TransactionKind.TRANSFER || kind == TransactionKind.RED_ENVELOPE;

            int reasons = 0;
            if (kind == TransactionKind.ATM_WITHDRAWAL) {
                reasons |= NOT_SUPPORTED;
            }
            if (kind == TransactionKind.TOP_UP && viaForeignCard) {
                reasons |= FOREIGN_CARD_TOP_UP;
            }
            if ((kind == TransactionKind.TRANSFER && !tier.transfers)
                    || (kind == TransactionKind.RED_ENVELOPE && !tier.redEnvelopes)) {
                reasons |= FEATURE_UNAVAILABLE;
            }
            if (transferOrRedEnvelope && viaForeignCard) {
                reasons |= FOREIGN_CARD_RESTRICTED;
            }
            if (kind == TransactionKind.RED_ENVELOPE && tier.redEnvelopes) {
                if (tier.redEnvelopeMost != NO_LIMIT && amount > tier.redEnvelopeMost) {
                    reasons |= RED_ENVELOPE_AMOUNT;
                }
                if (tier.redEnvelopesADay != NO_LIMIT && redEnvelopesToday + 1L > tier.redEnvelopesADay) {
                    reasons |= RED_ENVELOPE_COUNT;
                }
            }
            if (tier.dailyAll != NO_LIMIT && exceeds(todayTotal, amount, tier.dailyAll)) {
                reasons |= DAILY_LIMIT;
            }
            if (kind == TransactionKind.TRANSFER && tier.dailyTransfer != NO_LIMIT
                    && exceeds(today[kind.ordinal()], amount, tier.dailyTransfer)) {
                reasons |= DAILY_LIMIT;
            }
            if (kind == TransactionKind.QR_PAYMENT && tier.dailyQr != NO_LIMIT
                    && exceeds(today[kind.ordinal()], amount, tier.dailyQr)) {
                reasons |= DAILY_LIMIT;
            }
            if (tier.monthly != NO_LIMIT && exceeds(thisMonth, amount, tier.monthly)) {
                reasons |= MONTHLY_LIMIT;
            }
            if (tier.annual != NO_LIMIT && exceeds(thisYear, amount, tier.annual)) {
                reasons |= ANNUAL_LIMIT;
            }
            if (viaForeignCard) {
                if (amount > caps.perPaymentFen) {
                    reasons |= CARD_TRANSACTION_LIMIT;
                }
                if (exceeds(foreignCardsThisYear, amount, caps.perYearFen)) {
                    reasons |= CARD_ANNUAL_LIMIT;
                }
            }
            if (noIdYear != NO_LIMIT && exceeds(thisYear, amount, noIdYear)) {
                reasons |= VERIFICATION_REQUIRED;
            }
            if (viaWallet && !walletAtHome) {
                reasons |= NO_REGIONAL_WALLET;
            }
            if (viaWallet && (transferOrRedEnvelope || kind == TransactionKind.TOP_UP)) {
                reasons |= WALLET_MERCHANTS_ONLY;
            }

            if (reasons == 0) {
                long feeMin = 0;
                long feeMax = 0;
                if (viaForeignCard && amount > SERVICE_FEE_ABOVE) {
                    long fee = percentHalfUp(amount, SERVICE_FEE_PERCENT);
                    feeMin += fee;
                    feeMax += fee;
                }
                if (viaWallet) {
                    feeMin += percentHalfUp(amount, CONVERSION_MIN_PERCENT);
                    feeMax += percentHalfUp(amount, CONVERSION_MAX_PERCENT);
                }
                verdicts[p] = new TransactionVerdict(payment.id(), Outcome.ALLOW, Set.of(), cny(feeMin), cny(feeMax));
                today[kind.ordinal()] += amount;
                todayTotal += amount;
                thisMonth += amount;
                thisYear += amount;
                if (viaForeignCard) {
                    foreignCardsThisYear += amount;
                }
                if (kind == TransactionKind.RED_ENVELOPE) {
                    redEnvelopesToday++;
                }
            } else {
                raiseLimits |= (reasons & LIMIT_REASONS) != 0;
                verdicts[p] = new TransactionVerdict(payment.id(), Outcome.DENY, reasonSet(reasons), null, null);
            }
        }

        // 5. Advice
        int advice = (verification == Verification.NONE ? VERIFY_PASSPORT : 0)
                | (raiseLimits ? RAISE_LIMITS : 0)
                | (user.idUsedByAnotherAccount() ? SECOND_ACCOUNT_RESTRICTED : 0);

        return new HandWrittenDecision(funding, tier.code, limits,
                Collections.unmodifiableList(Arrays.asList(verdicts)), ADVICE.get(advice));
    }

    // --- Funding options ----------------------------------------------------------------------------------------------

    /** Whether a foreign card on this network may be bound at the evaluation date. */
    private static boolean bindable(Network network, LocalDate asOf) {
        if (network == null) {
            return false;
        }
        switch (network) {
            case VISA:
            case MASTERCARD:
            case JCB:
            case DINERS:
            case DISCOVER:
            case UNIONPAY:
                return true;
            case AMEX:
                return !asOf.isBefore(AMEX_BINDABLE_FROM);
            default:
                return false;
        }
    }

    /** Whether the country of residence has a regional wallet accepted in mainland China. */
    private static boolean hasRegionalWallet(String residence) {
        switch (residence) {
            case "HK": // AlipayHK
            case "MO": // MPay
            case "SG": // Changi Pay, OCBC Digital
            case "KR": // Kakao Pay, Naver Pay, Toss Pay
            case "MY": // Touch 'n Go eWallet
            case "MN": // HiPay
            case "TH": // TrueMoney
                return true;
            default:
                return false;
        }
    }

    /** One offer of a code: the entry keeps the best likelihood and every card, sorted by id. */
    private static void offer(Likelihood[] best, ArrayList<String>[] offeredBy, FundingCode code,
                              Likelihood likelihood, String cardId) {
        int at = code.ordinal();
        Likelihood before = best[at];
        if (before == null || likelihood.compareTo(before) < 0) {
            best[at] = likelihood;
        }
        if (cardId != null) {
            ArrayList<String> ids = offeredBy[at];
            if (ids == null) {
                ids = new ArrayList<>(4);
                offeredBy[at] = ids;
            }
            int i = ids.size();
            while (i > 0 && ids.get(i - 1).compareTo(cardId) > 0) {
                i--;
            }
            if (i == 0 || !ids.get(i - 1).equals(cardId)) {
                ids.add(i, cardId);
            }
        }
    }

    /** The entries best first: by likelihood, then by the order list. */
    private static List<FundingEntry> rank(Likelihood[] best, ArrayList<String>[] offeredBy) {
        ArrayList<FundingEntry> ranked = new ArrayList<>(FUNDING_CODES);
        for (Likelihood likelihood : LIKELIHOODS) {
            for (FundingCode code : ORDER) {
                int at = code.ordinal();
                if (best[at] == likelihood) {
                    ArrayList<String> ids = offeredBy[at];
                    ranked.add(new FundingEntry(code, likelihood,
                            ids == null ? List.of() : Collections.unmodifiableList(ids)));
                }
            }
        }
        return Collections.unmodifiableList(ranked);
    }

    // --- Verdicts and fees ------------------------------------------------------------------------------------------

    /** Whether the via names a foreign card of the profile. */
    private static boolean isForeignCard(String via, String[] cardIds, boolean[] foreign) {
        for (int i = 0; i < cardIds.length; i++) {
            if (cardIds[i].equals(via)) {
                return foreign[i];
            }
        }
        return false;
    }

    /** Whether spending {@code amount} on top of {@code used} goes past the limit (reaching it exactly does not). */
    private static boolean exceeds(long used, long amount, long limit) {
        return Math.addExact(used, amount) > limit;
    }

    /** A percentage of an amount in fen, rounded half-up to the fen. */
    private static long percentHalfUp(long amount, long percent) {
        return (Math.multiplyExact(amount, percent) + 50) / 100;
    }

    private static Set<ReasonCode> reasonSet(int reasons) {
        EnumSet<ReasonCode> set = EnumSet.noneOf(ReasonCode.class);
        for (int i = 0; i < REASONS.length; i++) {
            if ((reasons & (1 << i)) != 0) {
                set.add(REASONS[i]);
            }
        }
        return Collections.unmodifiableSet(set);
    }

    private static int bit(ReasonCode code) {
        return 1 << code.ordinal();
    }

    // --- Money ------------------------------------------------------------------------------------------------------

    /** An amount of at most two decimals in fen; fails loudly rather than overflow. */
    private static long fen(BigDecimal cny) {
        return cny.movePointRight(2).longValueExact();
    }

    /** A limit in fen, rounded down: exact for comparing with a whole number of fen. */
    private static long floorFen(BigDecimal cny) {
        BigDecimal fen = cny.movePointRight(2).setScale(0, RoundingMode.FLOOR);
        return fen.compareTo(LONG_MAX) >= 0 ? Long.MAX_VALUE : fen.longValue();
    }

    /** A fee in fen as CNY with two decimals. */
    private static BigDecimal cny(long fen) {
        return fen == 0 ? ZERO_FEE : BigDecimal.valueOf(fen, 2);
    }

    private static TierLimit limit(LimitScope scope, TransactionKind kind, String cny) {
        return new TierLimit(scope, kind, new BigDecimal(cny));
    }

    private static List<Set<AdviceCode>> adviceSets() {
        List<Set<AdviceCode>> sets = new ArrayList<>(8);
        for (int bits = 0; bits < 8; bits++) {
            EnumSet<AdviceCode> set = EnumSet.noneOf(AdviceCode.class);
            if ((bits & VERIFY_PASSPORT) != 0) {
                set.add(AdviceCode.VERIFY_PASSPORT);
            }
            if ((bits & RAISE_LIMITS) != 0) {
                set.add(AdviceCode.RAISE_LIMITS);
            }
            if ((bits & SECOND_ACCOUNT_RESTRICTED) != 0) {
                set.add(AdviceCode.SECOND_ACCOUNT_RESTRICTED);
            }
            sets.add(Collections.unmodifiableSet(set));
        }
        return List.copyOf(sets);
    }

    // --- Tables -----------------------------------------------------------------------------------------------------

    /** The caps in USD in force, converted to CNY at a rate: as limits, and in fen (rounded down) to compare. */
    private static final class Caps {
        final TierLimit perPayment;
        final TierLimit perYear;
        final TierLimit noIdYear;
        final long perPaymentFen;
        final long perYearFen;
        final long noIdYearFen;

        Caps(BigDecimal usdPerPayment, BigDecimal usdPerYear, BigDecimal usdNoIdYear, BigDecimal rate) {
            BigDecimal perPaymentCny = usdPerPayment.multiply(rate);
            BigDecimal perYearCny = usdPerYear.multiply(rate);
            BigDecimal noIdYearCny = usdNoIdYear.multiply(rate);
            perPayment = new TierLimit(LimitScope.FOREIGN_CARD_PER_TRANSACTION, null, perPaymentCny);
            perYear = new TierLimit(LimitScope.FOREIGN_CARD_ANNUAL, null, perYearCny);
            noIdYear = new TierLimit(LimitScope.NO_ID_ANNUAL, null, noIdYearCny);
            perPaymentFen = floorFen(perPaymentCny);
            perYearFen = floorFen(perYearCny);
            noIdYearFen = floorFen(noIdYearCny);
        }
    }

    /** One tier: its features, its limits in fen (or {@link #NO_LIMIT}) and as the decision lists them. */
    private static final class TierTable {
        final TierCode code;
        final boolean transfers;
        final boolean redEnvelopes;
        final long dailyAll;
        final long dailyTransfer;
        final long dailyQr;
        final long monthly;
        final long annual;
        final long redEnvelopeMost;
        final long redEnvelopesADay;
        /** The tier's limits in CNY, in the decision's order (they all come before the converted caps). */
        final List<TierLimit> cnyLimits;
        /** Every limit at the default rate, before and from the day the caps were raised. */
        final List<TierLimit> limitsBefore;
        final List<TierLimit> limitsFrom;

        TierTable(TierCode code, boolean transfers, boolean redEnvelopes, List<TierLimit> cnyLimits) {
            this.code = code;
            this.transfers = transfers;
            this.redEnvelopes = redEnvelopes;
            this.cnyLimits = cnyLimits;
            this.dailyAll = find(cnyLimits, LimitScope.DAILY, null);
            this.dailyTransfer = find(cnyLimits, LimitScope.DAILY, TransactionKind.TRANSFER);
            this.dailyQr = find(cnyLimits, LimitScope.DAILY, TransactionKind.QR_PAYMENT);
            this.monthly = find(cnyLimits, LimitScope.MONTHLY, null);
            this.annual = find(cnyLimits, LimitScope.ANNUAL, null);
            long most = find(cnyLimits, LimitScope.RED_ENVELOPE_AMOUNT, TransactionKind.RED_ENVELOPE);
            long count = find(cnyLimits, LimitScope.RED_ENVELOPES_PER_DAY, TransactionKind.RED_ENVELOPE);
            this.redEnvelopeMost = most;
            this.redEnvelopesADay = count == NO_LIMIT ? NO_LIMIT : count / 100; // a count, not fen
            this.limitsBefore = limitsWith(DEFAULT_CAPS_BEFORE);
            this.limitsFrom = limitsWith(DEFAULT_CAPS_FROM);
        }

        /** Every limit in force with the given caps: the tier's, then the foreign-card caps, then the no-ID total. */
        List<TierLimit> limitsWith(Caps caps) {
            int size = cnyLimits.size() + (code == TierCode.UNVERIFIED ? 3 : 2);
            TierLimit[] all = cnyLimits.toArray(new TierLimit[size]);
            int at = cnyLimits.size();
            all[at++] = caps.perPayment;
            all[at++] = caps.perYear;
            if (code == TierCode.UNVERIFIED) {
                all[at] = caps.noIdYear;
            }
            return Collections.unmodifiableList(Arrays.asList(all));
        }

        private static long find(List<TierLimit> limits, LimitScope scope, TransactionKind kind) {
            for (TierLimit limit : limits) {
                if (limit.scope() == scope && limit.kind() == kind) {
                    return floorFen(limit.cny());
                }
            }
            return NO_LIMIT;
        }
    }
}
