import TraceEngine

/// Where a value of one sample's forward or backward pass is: its quantity, layer and unit
/// (both from 1) and the sample's number in the data (from 1); the loss has no layer or unit.
///
/// Its name is the JSON trace's, with the layer and unit: `z2[1]` is `samples[…].layers[1].z[0]`
/// of the sample whose `index` is `sample`; `delta1[2]` (the lecture's `δ1[2]`); `loss`.
public struct SamplePlace: Sendable, Hashable {
    public var sample: Int
    public var quantity: SampleQuantity
    public var layer: Int
    public var unit: Int

    public init(sample: Int, quantity: SampleQuantity, layer: Int = 0, unit: Int = 0) {
        self.sample = sample
        self.quantity = quantity
        self.layer = quantity == .loss ? 0 : layer
        self.unit = quantity == .loss ? 0 : unit
    }

    /// `z2[1]`, `delta1[2]`, `loss`.
    public var name: String { quantity == .loss ? "loss" : "\(quantity.rawValue)\(layer)[\(unit)]" }

    /// The lecture's: `z2[1]`, `δ1[2]`, `L`.
    public var unicode: String {
        switch quantity {
        case .loss: return "L"
        case .delta: return "δ\(layer)[\(unit)]"
        case .z, .a: return name
        }
    }

    /// `z2[1] of sample 1`: the name a worksheet, answers.csv and feedback use.
    public var fullName: String { "\(name) of sample \(sample)" }

    /// The place a student wrote: `z2[1] of sample 1`, `δ1[2] of sample 2`, `loss of sample 1`
    /// (`L` for the loss; any case and spacing), with the quantity from its own column.
    public static func parse(_ written: String, quantity: String) -> SamplePlace? {
        var text = written.lowercased().filter { !$0.isWhitespace }
        text = text.replacingOccurrences(of: "δ", with: "delta")
        guard let of = text.range(of: "ofsample"), let sample = Int(text[of.upperBound...]), sample >= 1 else { return nil }
        let unitName = String(text[..<of.lowerBound])
        guard let kind = SampleQuantity.named(quantity) else { return nil }
        if kind == .loss { return unitName == "loss" || unitName == "l" ? SamplePlace(sample: sample, quantity: .loss) : nil }
        guard unitName.hasPrefix(kind.rawValue), unitName.hasSuffix("]") else { return nil }
        let parts = unitName.dropFirst(kind.rawValue.count).dropLast().split(separator: "[")
        guard parts.count == 2, let layer = Int(parts[0]), let unit = Int(parts[1]), layer >= 1, unit >= 1 else { return nil }
        return SamplePlace(sample: sample, quantity: kind, layer: layer, unit: unit)
    }

    /// The value at this place in `sample`'s layers (or its loss).
    func value(in layers: [LayerTrace], loss: Double) -> Double? {
        let l = layer - 1, j = unit - 1
        switch quantity {
        case .loss: return loss
        case .z: return layers.indices.contains(l) && layers[l].z.indices.contains(j) ? layers[l].z[j] : nil
        case .a: return layers.indices.contains(l) && layers[l].a.indices.contains(j) ? layers[l].a[j] : nil
        case .delta: return layers.indices.contains(l) && layers[l].delta.indices.contains(j) ? layers[l].delta[j] : nil
        }
    }

    /// The value in a run's record of update `t`: as computed from the values before it
    /// (`computed`, before a student's answer took its place) or as the run went on.
    func value(in run: RecordingSink, at t: Int, computed: Bool) -> Double? {
        guard run.steps.indices.contains(t - 1),
            let trace = run.steps[t - 1].samples.first(where: { $0.index == sample })
        else { return nil }
        if computed {
            return value(in: trace.computedLayers.isEmpty ? trace.layers : trace.computedLayers, loss: trace.computedLoss ?? trace.loss)
        }
        return value(in: trace.layers, loss: trace.loss)
    }
}

extension SampleQuantity {
    /// `z`, `a`, `delta` (or `δ`), `loss` (or `L`), in any case.
    public static func named(_ written: String) -> SampleQuantity? {
        switch written.lowercased().filter({ !$0.isWhitespace }) {
        case "z": return .z
        case "a": return .a
        case "delta", "δ", "d": return .delta
        case "loss", "l": return .loss
        default: return nil
        }
    }
}

extension Replacements {
    /// Uses `value` at `place` at update `t`.
    mutating func replace(_ place: SamplePlace, at t: Int, with value: Double) {
        replace(place.quantity, at: t, sample: place.sample, layer: place.layer, unit: place.unit, with: value)
    }
}
