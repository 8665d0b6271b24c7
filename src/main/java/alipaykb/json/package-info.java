/**
 * The JSON of decisions and profiles, as the command line writes and reads it, for services that speak the
 * same format: {@link alipaykb.json.DecisionJson}.
 */
package alipaykb.json;
