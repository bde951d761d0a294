import Testing

/// The storage conformance suite: every test runs once per ``StoreKind``, through the
/// `CohortStore` protocol only, so every implementation is held to the same behaviour.
/// Each area lives in its own file as a nested suite.
@Suite enum StoreConformance {}
