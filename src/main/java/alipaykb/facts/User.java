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

    /**
     * A builder of a user living in a country (ISO 3166 alpha-2), with the scenario format's defaults: not in
     * mainland China, no app, no verification, no Chinese phone, bank account or contact, no documents, an ID
     * no other account uses.
     */
    public static Builder builder(String residence) {
        return new Builder(residence);
    }

    /** Builds a {@link User} field by field; {@link #build()} validates it. */
    public static final class Builder {
        private final String residence;
        private boolean inMainlandChina;
        private App app = App.NONE;
        private Verification verification = Verification.NONE;
        private boolean chinesePhone;
        private boolean chineseBankAccount;
        private boolean chineseContact;
        private final Set<Document> documents = new java.util.LinkedHashSet<>();
        private boolean idUsedByAnotherAccount;

        private Builder(String residence) {
            this.residence = residence;
        }

        /** The user is in mainland China now. */
        public Builder inMainlandChina(boolean value) {
            this.inMainlandChina = value;
            return this;
        }

        /** Which Alipay app the user has. */
        public Builder app(App value) {
            this.app = value;
            return this;
        }

        /** How the user's account is verified. */
        public Builder verification(Verification value) {
            this.verification = value;
            return this;
        }

        /** The user has a Chinese phone number. */
        public Builder chinesePhone(boolean value) {
            this.chinesePhone = value;
            return this;
        }

        /** The user has a Chinese bank account. */
        public Builder chineseBankAccount(boolean value) {
            this.chineseBankAccount = value;
            return this;
        }

        /** The user has a contact in mainland China. */
        public Builder chineseContact(boolean value) {
            this.chineseContact = value;
            return this;
        }

        /** Documents the user has, for passport verification. */
        public Builder documents(Document... held) {
            documents.addAll(java.util.Arrays.asList(held));
            return this;
        }

        /** The user's ID already backs another verified account. */
        public Builder idUsedByAnotherAccount(boolean value) {
            this.idUsedByAnotherAccount = value;
            return this;
        }

        /**
         * The user.
         *
         * @throws InvalidFactException naming the field, when a value is missing or wrong
         */
        public User build() {
            return new User(residence, inMainlandChina, app, verification, chinesePhone, chineseBankAccount,
                    chineseContact, documents, idUsedByAnotherAccount);
        }
    }
}
