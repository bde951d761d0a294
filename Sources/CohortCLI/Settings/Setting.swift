/// One setting of `cohort serve`, declared once: its flag, its variable, its help, and how its
/// text is read. ``SettingsReader`` finds its value (flag, else variable, else default) through
/// swift-configuration; `--help` lists it from the same declaration.
struct Setting<Value: Sendable>: Sendable {
    /// The flag without its dashes: `pool-size` is `--pool-size`.
    let flag: String
    /// The environment variable without `COHORT_`, as swift-configuration spells keys:
    /// `database-pool-size` is `COHORT_DATABASE_POOL_SIZE`.
    let variable: String
    let help: String
    /// `true` for a flag that takes no value (`--metrics`).
    let isSwitch: Bool
    /// Tokens and passwords: kept out of swift-configuration's access logs.
    let isSecret: Bool
    /// Read from the environment only: a token on the command line is visible to every user of
    /// the machine (`ps`).
    let environmentOnly: Bool
    /// The value of the text given; throws a ``CommandError`` that names the setting.
    let parse: @Sendable (_ text: String, _ name: String) throws -> Value

    init(
        _ flag: String, variable: String? = nil, help: String, isSwitch: Bool = false, isSecret: Bool = false,
        environmentOnly: Bool = false, parse: @escaping @Sendable (_ text: String, _ name: String) throws -> Value
    ) {
        self.environmentOnly = environmentOnly
        self.flag = flag
        self.variable = variable ?? flag
        self.help = help
        self.isSwitch = isSwitch
        self.isSecret = isSecret
        self.parse = parse
    }

    var environmentName: String { "COHORT_" + variable.uppercased().replacingOccurrences(of: "-", with: "_") }

    /// What the help and the catalogue know of any setting, whatever its type.
    var description: SettingDescription {
        SettingDescription(
            flag: flag, variable: variable, environmentName: environmentName, help: help, isSwitch: isSwitch,
            environmentOnly: environmentOnly)
    }
}

struct SettingDescription: Sendable {
    let flag: String
    let variable: String
    let environmentName: String
    let help: String
    let isSwitch: Bool
    let environmentOnly: Bool
}

/// How settings' text is read, with the messages a user sees.
enum SettingText {
    static func string(_ text: String, _ name: String) throws -> String { text }

    static func integer(_ text: String, _ name: String) throws -> Int {
        guard let value = Int(text) else { throw CommandError("\(name)='\(text)' is not a whole number") }
        return value
    }

    static func number(_ text: String, _ name: String) throws -> Double {
        guard let value = Double(text), value.isFinite else { throw CommandError("\(name)='\(text)' is not a number") }
        return value
    }

    /// A number of seconds; 0 turns the limit off (`nil`).
    static func seconds(_ text: String, _ name: String) throws -> Duration? {
        let value = try number(text, name)
        guard value >= 0 else { throw CommandError("\(name) must be 0 or more seconds") }
        return value == 0 ? nil : .milliseconds(Int64((value * 1000).rounded()))
    }

    static func boolean(_ text: String, _ name: String) throws -> Bool {
        switch text.lowercased() {
        case "1", "true", "yes": return true
        case "0", "false", "no": return false
        default: throw CommandError("\(name)='\(text)' is not true or false")
        }
    }
}
