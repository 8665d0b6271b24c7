/** The command line: thin picocli commands that parse, call the library, print and return an exit code. */
package alipaykb.cli;
