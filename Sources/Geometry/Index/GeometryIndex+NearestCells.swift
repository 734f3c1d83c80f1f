extension GeometryIndex {
    /// The nearest item to `point` among its cell's candidates (worked out on the cell's first point).
    /// Nil when the point lies outside the grid, or the index has nothing to be near: the tree answers.
    func nearestByCell(_ point: Coordinate) throws(GeometryError) -> (item: Int, distance: Double)? {
        if nearestCells == nil {
            guard let made = NearestCells(itemsExtent: tree.extent) else { return nil }
            nearestCells = made
        }
        guard let cell = nearestCells?.cell(of: point) else { return nil }
        let candidates: [NearestCells.Candidate]
        if let known = nearestCells?.candidates(cell) {
            candidates = known
        } else {
            guard let made = try cellCandidates(cell) else { return nil }
            nearestCells?.set(cell, made)
            candidates = made
        }
        var best: (item: Int, distance: Double)?
        var made: GEOSGeometry?
        let query = Envelope(point)
        let halfDiagonal = nearestCells?.halfDiagonal ?? .infinity
        for candidate in candidates {
            // The point is within half a diagonal of the centre, so this envelope and every later one
            // (the list goes outwards from the centre) are farther than the best found.
            if let best, candidate.fromCentre - halfDiagonal > best.distance { break }
            let item = Int(candidate.item)
            // Ruled out by its envelope, then by its chord; an equal bound is still measured (ties go
            // to the lower item, as in the tree's search).
            if let best, candidate.envelope.distance(to: query) > best.distance { continue }
            if let best, let chord = chordBound(item), chord.bounds(from: point).lower > best.distance { continue }
            guard let distance = try self.distance(from: point, toItem: item, made: &made) else { continue }
            if let found = best, distance > found.distance || (distance == found.distance && found.item < item) { continue }
            best = (item, distance)
        }
        return best
    }

    /// Every item that can be nearest to a point of `cell`, nearest to the cell's centre first.
    private func cellCandidates(_ cell: Int) throws(GeometryError) -> [NearestCells.Candidate]? {
        guard let cells = nearestCells else { return nil }
        let box = cells.box(of: cell)
        let centre = box.center
        guard let fromCentre = try treeNearest(toPoint: centre) else { return nil }
        // A hair wider than the bound, so that rounding in the distances cannot leave the nearest out.
        let reach = (fromCentre.distance + cells.halfDiagonal) * (1 + 1e-9)
        let centreBox = Envelope(centre)
        var found: [NearestCells.Candidate] = []
        tree.search(box.expanded(by: reach)) { item in
            let envelope = source.envelope(at: item)
            guard envelope.distance(to: box) <= reach else { return }
            found.append(NearestCells.Candidate(item: Int32(item), envelope: envelope, fromCentre: envelope.distance(to: centreBox)))
        }
        found.sort { ($0.fromCentre, $0.item) < ($1.fromCentre, $1.item) }
        return found
    }
}
