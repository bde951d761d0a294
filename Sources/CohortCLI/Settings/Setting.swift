/// One setting of `cohort serve`, declared once: its flag, its variable, its help, and how its
/// text is read. ``SettingsReader`` finds its value (flag, else variable, else default) through
/// swift-configuration; `--help` lists it from the same declaration.
struct Setting<Value: Sendable>: Sendable {
    /// What `--help` and the flag parser know of it, whatever its type.
    let description: SettingDescription
    /// The value of the text given; throws a ``CommandError`` that names the setting.
    let parse: @Sendable (_ text: String, _ name: String) throws -> Value

    /// - Parameters:
    ///   - flag: without its dashes: `pool-size` is `--pool-size`.
    ///   - variable: without `COHORT_`, as swift-configuration spells keys (`database-pool-size`
    ///     is `COHORT_DATABASE_POOL_SIZE`); the flag's name when not given.
    ///   - isSwitch: a flag that takes no value (`--metrics`).
    ///   - isSecret: tokens and passwords, kept out of swift-configuration's access logs.
    ///   - environmentOnly: no flag: a token on the command line is visible to every user of the
    ///     machine (`ps`).
    init(
        _ flag: String, variable: String? = nil, help: String, isSwitch: Bool = false, isSecret: Bool = false,
        environmentOnly: Bool = false, parse: @escaping @Sendable (_ text: String, _ name: String) throws -> Value
    ) {
        self.description = SettingDescription(
            flag: flag, variable: variable ?? flag, help: help, isSwitch: isSwitch, isSecret: isSecret,
            environmentOnly: environmentOnly)
        self.parse = parse
    }
}

struct SettingDescription: Sendable {
    let flag: String
    let variable: String
    let help: String
    let isSwitch: Bool
    let isSecret: Bool
    let environmentOnly: Bool

    var environmentName: String { "COHORT_" + variable.uppercased().replacingOccurrences(of: "-", with: "_") }
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
