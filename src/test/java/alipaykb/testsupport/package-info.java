/** What several test packages share: running the command line in the test's JVM, copies of the rules. */
package alipaykb.testsupport;
