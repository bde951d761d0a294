import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a client command writes its result on standard output.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
    /// Aligned columns for people.
    case table
    /// The API's own JSON, pretty-printed with sorted keys.
    case json
    /// A header row, then one row per item.
    case csv
}

/// `--format`, shared by every client command.
struct OutputOptions: ParsableArguments {
    @Option(help: "table, json or csv (default: table on a terminal, json otherwise).")
    var format: OutputFormat?

    /// The format asked for; without one, a table for a person at a terminal and JSON for a pipe
    /// or a file, so that scripts get something they can parse without asking.
    var resolved: OutputFormat {
        format ?? (isatty(STDOUT_FILENO) == 1 ? .table : .json)
    }
}
