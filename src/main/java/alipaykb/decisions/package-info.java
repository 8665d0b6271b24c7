/** What the rules decide: funding options, the tier and its limits, verdicts, fee quotes and advice, each with the rule behind it. */
package alipaykb.decisions;
