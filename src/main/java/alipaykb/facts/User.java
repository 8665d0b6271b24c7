package alipaykb.facts;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The person asking: where they live, where they are, which app and verification they have.
 *
 * @param residence ISO 3166 alpha-2 country of residence
 * @param documents the documents for identity verification the user already has
 */
public record User(
        String residence,
        boolean inMainlandChina,
        App app,
        Verification verification,
        boolean chinesePhone,
        boolean chineseBankAccount,
        boolean chineseContact,
        Set<Document> documents,
        boolean idUsedByAnotherAccount) {

    public User {
        Checks.country(residence, "residence");
        Checks.required(app, "app");
        Checks.required(verification, "verification");
        documents = documents == null || documents.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(documents));
    }
}
