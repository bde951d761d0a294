import Metrics
import Prometheus
import Synchronization

/// The process's metrics backend: swift-metrics into a Prometheus registry, served at
/// `GET /metrics` (`cohort serve --metrics`). swift-metrics takes one backend per process, so the
/// first server that asks for metrics installs it; later ones share the registry.
enum PrometheusExport {
    /// The registry, installed as swift-metrics' backend on first use.
    static var registry: PrometheusCollectorRegistry { installed.registry }

    private static let installed: (registry: PrometheusCollectorRegistry, Void) = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
        ]
        // Hummingbird names its metrics and labels with dots (`http.route`), which Prometheus's
        // names cannot hold.
        factory.nameAndLabelSanitizer = { name, labels in
            (sanitise(name), labels.map { (sanitise($0.0), $0.1) })
        }
        MetricsSystem.bootstrap(factory)
        return (registry, ())
    }()

    /// Makes sure the backend is installed before anything records a metric.
    static func install() { _ = installed }

    /// The text exposition format of everything recorded so far.
    static func text() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }

    /// A valid Prometheus name: `[a-zA-Z_:][a-zA-Z0-9_:]*`, other characters as `_`.
    static func sanitise(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for (index, scalar) in name.unicodeScalars.enumerated() {
            let letter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar == ":"
            let digit = ("0"..."9").contains(scalar)
            scalars.append(letter || (digit && index > 0) ? scalar : "_")
        }
        return String(scalars)
    }
}
