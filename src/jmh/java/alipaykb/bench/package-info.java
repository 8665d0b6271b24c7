/** Benchmarks of the knowledge base, and a hand-written Java implementation of the policy to compare with. */
package alipaykb.bench;
