/// A per-sample value of the forward and backward passes: `z`, `a`, `δ` of one unit, or the
/// sample's loss. The raw value is the trace's name (`delta`).
public enum SampleQuantity: String, CaseIterable, Sendable, Hashable {
    case z, a, delta, loss
}

/// One sample's values that take the place of computed ones in its forward and backward
/// passes (see ``Replacements``): `z`, `a`, `δ` by layer and unit (both from 0 here), and the loss.
public struct SampleReplacements: Sendable, Equatable {
    /// A unit of a layer, both from 0.
    public struct Unit: Sendable, Hashable {
        public var layer: Int
        public var unit: Int
    }

    public internal(set) var z: [Unit: Double] = [:]
    public internal(set) var a: [Unit: Double] = [:]
    public internal(set) var delta: [Unit: Double] = [:]
    public internal(set) var loss: Double?

    /// Whether any `a` of layer `layer` (from 0) is replaced.
    func replacesA(ofLayer layer: Int) -> Bool { a.keys.contains { $0.layer == layer } }
}
