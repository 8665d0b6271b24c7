package alipaykb.facts;

/** Reference data: a document that passport verification asks for. */
public record RequiredDocument(Document document) {
    public RequiredDocument {
        Checks.required(document, "document");
    }
}
