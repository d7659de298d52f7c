/// What a parameter is: a weight `W{l}[j,i]` or a bias `b{l}[j]` (all numbered from 1).
public enum ParameterRole: Sendable, Equatable {
    case weight(layer: Int, unit: Int, input: Int)
    case bias(layer: Int, unit: Int)
    /// A coordinate of a two-weight objective, `w1` or `w2`.
    case coordinate(Int)

    /// The contract's name: `W2[1,2]` or `b1[2]`.
    public var name: String {
        switch self {
        case let .weight(layer, unit, input): return "W\(layer)[\(unit),\(input)]"
        case let .bias(layer, unit): return "b\(layer)[\(unit)]"
        case let .coordinate(index): return "w\(index)"
        }
    }
}

/// The flat order of a network's parameters.
///
/// For each layer `l`, for each unit `j`: `W{l}[j,1]`, …, `W{l}[j,n]`, then `b{l}[j]`.
/// Every record, table and trace lists parameters in this order.
public struct ParameterLayout: Sendable, Equatable {
    /// Each parameter's role, in flat order.
    public let roles: [ParameterRole]
    /// Flat index of `W{l}[j,1]` for each layer (0-based `l`).
    let layerOffsets: [Int]
    /// `inputCount + 1` for each layer: the stride from one unit's row to the next.
    let rowStrides: [Int]

    init(layers: [Layer]) {
        var roles: [ParameterRole] = []
        var offsets: [Int] = []
        var strides: [Int] = []
        for (l, layer) in layers.enumerated() {
            offsets.append(roles.count)
            strides.append(layer.inputCount + 1)
            for j in 0..<layer.unitCount {
                for i in 0..<layer.inputCount {
                    roles.append(.weight(layer: l + 1, unit: j + 1, input: i + 1))
                }
                roles.append(.bias(layer: l + 1, unit: j + 1))
            }
        }
        self.roles = roles
        self.layerOffsets = offsets
        self.rowStrides = strides
    }

    /// The coordinates `w1 … wn` of an objective.
    init(coordinates: Int) {
        roles = (1...coordinates).map(ParameterRole.coordinate)
        layerOffsets = []
        rowStrides = []
    }

    /// How many parameters there are.
    public var count: Int { roles.count }

    /// Parameter names in flat order.
    public var names: [String] { roles.map(\.name) }

    /// Flat index of the parameter called `name`, if there is one.
    ///
    /// The name's numbers give the index directly (`W{l}[j,i]` is `weightIndex(l-1, j-1, i-1)`),
    /// checked against that role's name, so a key's thousands of lookups stay linear in its size.
    public func index(named name: String) -> Int? {
        let numbers = name.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).compactMap { Int($0) }
        var candidate: Int?
        switch (name.first, numbers.count) {
        case ("W", 3) where layerOffsets.indices.contains(numbers[0] - 1):
            let l = numbers[0] - 1
            if (1..<rowStrides[l]).contains(numbers[2]) { candidate = weightIndex(layer: l, unit: numbers[1] - 1, input: numbers[2] - 1) }
        case ("b", 2) where layerOffsets.indices.contains(numbers[0] - 1):
            candidate = biasIndex(layer: numbers[0] - 1, unit: numbers[1] - 1)
        case ("w", 1) where layerOffsets.isEmpty:
            candidate = numbers[0] - 1
        default: break
        }
        guard let index = candidate, roles.indices.contains(index), roles[index].name == name else { return nil }
        return index
    }

    /// The parameter a person means by `written`, ignoring spaces and case (`w2[1, 1]` is
    /// `W2[1,1]`), if there is one.
    public func name(matching written: String) -> String? {
        let key = written.filter { $0 != " " }.lowercased()
        return roles.first { $0.name.lowercased() == key }?.name
    }

    /// Flat index of `W{layer+1}[unit+1, input+1]` (0-based arguments).
    public func weightIndex(layer: Int, unit: Int, input: Int) -> Int {
        layerOffsets[layer] + unit * rowStrides[layer] + input
    }

    /// Flat index of `b{layer+1}[unit+1]` (0-based arguments).
    func biasIndex(layer: Int, unit: Int) -> Int {
        layerOffsets[layer] + unit * rowStrides[layer] + rowStrides[layer] - 1
    }
}
