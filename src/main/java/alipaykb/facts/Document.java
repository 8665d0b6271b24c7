package alipaykb.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A document or detail that identity verification asks for; its code is the lower-camel name users write. */
public enum Document {
    @JsonProperty("passport") PASSPORT("passport"),
    @JsonProperty("localPhone") LOCAL_PHONE("localPhone"),
    @JsonProperty("chineseDetails") CHINESE_DETAILS("chineseDetails"),
    @JsonProperty("passportPhoto") PASSPORT_PHOTO("passportPhoto"),
    @JsonProperty("selfieWithPassport") SELFIE_WITH_PASSPORT("selfieWithPassport");

    private final String code;

    Document(String code) {
        this.code = code;
    }

    /** The code as written in scenario files and shown to users. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
