/** Scenario files: reading them with the line of every value, checking their expectations, running a suite. */
package alipaykb.scenario;
