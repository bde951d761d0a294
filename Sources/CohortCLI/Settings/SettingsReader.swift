import Configuration
import Foundation

/// Where settings come from, through swift-configuration: the command line's flags first, then
/// `COHORT_*` environment variables (or, in tests, any provider given instead).
struct SettingsReader: Sendable {
    let reader: ConfigReader
    /// The variables given as flags, to name the source of a bad value.
    let flagged: Set<String>

    /// Reads `arguments` (`--name value`, `--name=value`, or `--switch`) against `settings`;
    /// an argument that names none of them is refused.
    init(
        arguments: [String], settings: [SettingDescription],
        environment: any ConfigProvider = EnvironmentVariablesProvider()
    ) throws {
        var flags: [AbsoluteConfigKey: ConfigValue] = [:]
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw CommandError("unexpected argument '\(argument)'")
            }
            let body = argument.dropFirst(2)
            let name = String(body.prefix { $0 != "=" })
            guard let setting = settings.first(where: { $0.flag == name && !$0.environmentOnly }) else {
                throw CommandError("unknown option '--\(name)' (see --help)")
            }
            let value: String
            if let equals = body.firstIndex(of: "=") {
                value = String(body[body.index(after: equals)...])
            } else if setting.isSwitch {
                value = "true"
            } else if let next = remaining.popFirst() {
                value = next
            } else {
                throw CommandError("--\(name) needs a value")
            }
            flags[AbsoluteConfigKey(["cohort", setting.variable])] = ConfigValue(.string(value), isSecret: false)
        }
        self.init(
            providers: [InMemoryProvider(name: "flags", values: flags), environment],
            flagged: Set(flags.keys.compactMap { $0.components.last }))
    }

    /// Reads from `providers` alone (tests: an `InMemoryProvider` keyed `cohort.<variable>`).
    init(providers: [any ConfigProvider], flagged: Set<String> = []) {
        self.reader = ConfigReader(providers: providers)
        self.flagged = flagged
    }

    /// The setting's value, from a flag, else from its variable; `nil` when neither is given
    /// (an empty variable counts as not given).
    func value<Value>(_ setting: Setting<Value>) throws -> Value? {
        let about = setting.description
        let key = ConfigKey(["cohort", about.variable])
        guard let text = reader.string(forKey: key, isSecret: about.isSecret), !text.isEmpty else { return nil }
        return try setting.parse(text, flagged.contains(about.variable) ? "--\(about.flag)" : about.environmentName)
    }
}
