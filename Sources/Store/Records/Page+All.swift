extension Page {
    /// Every item of a list, read page by page at the largest page size, for the callers that
    /// show or total a whole list (a consortium's members, a project's expenses): `read` gets
    /// the request for each page in turn.
    public static func all(_ read: (PageRequest) throws -> Page<Item>) rethrows -> [Item] {
        var items: [Item] = []
        var request = PageRequest(limit: PageRequest.maximumLimit)
        while true {
            let page = try read(request)
            items += page.items
            guard let next = page.next else { return items }
            request = PageRequest(limit: PageRequest.maximumLimit, after: next)
        }
    }
}
