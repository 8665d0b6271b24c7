/** Loading rule files into a knowledge base and evaluating profiles against it: the embedding API. */
package alipaykb.engine;
