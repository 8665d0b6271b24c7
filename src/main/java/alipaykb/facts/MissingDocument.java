package alipaykb.facts;

/** A classification the rules derive: a document passport verification asks for that the user lacks. */
public record MissingDocument(Document document) {
    public MissingDocument {
        Checks.required(document, "document");
    }
}
