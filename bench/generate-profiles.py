#!/usr/bin/env python3
"""Writes N random profiles as JSON lines, for `alipay-kb batch`: bench/generate-profiles.py N [SEED] > profiles.jsonl

Each line is one profile (the scenario structure without expect): a user, one to three cards, usage so far
and one to four transactions, drawn from the codes of the policy. The same N and SEED give the same file.
"""
import json
import random
import sys

COUNTRIES = ["US", "GB", "DE", "FR", "JP", "KR", "SG", "HK", "MO", "MY", "TH", "MN", "AU", "CA", "CN"]
NETWORKS = ["VISA", "MASTERCARD", "JCB", "DINERS", "DISCOVER", "AMEX", "UNIONPAY", "OTHER"]
TYPES = ["CREDIT", "DEBIT", "VIRTUAL_PREPAID"]
KINDS = ["QR_PAYMENT", "ONLINE_PAYMENT", "TRANSFER", "RED_ENVELOPE", "TOP_UP", "ATM_WITHDRAWAL", "OVERSEAS_MERCHANT"]
DOCUMENTS = ["passport", "localPhone", "chineseDetails", "passportPhoto", "selfieWithPassport"]


def profile(rng, n):
    residence = rng.choice(COUNTRIES[:-1])
    cards = []
    for i in range(rng.randint(1, 3)):
        cards.append({
            "id": "c%d" % i,
            "issuerCountry": rng.choice([residence, residence, "US", "CN", "GB"]),
            "network": rng.choice(NETWORKS),
            "type": rng.choice(TYPES),
            "chinesePartner": rng.random() < 0.2,
        })
    vias = [c["id"] for c in cards] + ["balance", "wallet"]
    transactions = []
    for i in range(rng.randint(1, 4)):
        amount = rng.choice([rng.randint(1, 300), rng.randint(1, 3000), rng.randint(1, 60000)])
        transactions.append({"id": "t%d" % i, "kind": rng.choice(KINDS),
                             "amount": float("%d.%02d" % (amount, rng.randint(0, 99))), "via": rng.choice(vias)})
    month = rng.randint(0, 15000)
    return {
        "scenario": "generated profile %d" % n,
        "asOf": rng.choice(["2024-01-15", "2024-06-01", "2025-02-24", "2025-06-01"]),
        "user": {
            "residence": residence,
            "inMainlandChina": rng.random() < 0.6,
            "app": rng.choice(["MAINLAND", "REGIONAL", "NONE"]),
            "verification": rng.choice(["NONE", "PASSPORT", "REAL_NAME"]),
            "chinesePhone": rng.random() < 0.2,
            "chineseBankAccount": rng.random() < 0.1,
            "chineseContact": rng.random() < 0.3,
            "documents": rng.sample(DOCUMENTS, rng.randint(0, 5)),
            "idUsedByAnotherAccount": rng.random() < 0.05,
        },
        "cards": cards,
        "usage": {"today": {"QR_PAYMENT": rng.randint(0, 800)}, "redEnvelopesToday": rng.randint(0, 100),
                  "thisMonth": month, "thisYear": month + rng.randint(0, 100000),
                  "foreignCardsThisYear": rng.randint(0, 50000)},
        "transactions": transactions,
    }


def main():
    count = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
    out = sys.stdout
    for n in range(1, count + 1):
        out.write(json.dumps(profile(rng, n), separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
