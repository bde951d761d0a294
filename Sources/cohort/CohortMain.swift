import CohortCLI

/// The executable: everything it does is in `CohortCLI`.
@main
enum CohortMain {
    static func main() async {
        await CohortCommand.main()
    }
}
