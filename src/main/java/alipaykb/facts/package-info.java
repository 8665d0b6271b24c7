/** The facts the rules reason about: the profile given as input and the reference data the rules carry. */
package alipaykb.facts;
