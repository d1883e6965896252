/* @flow */
/* eslint-disable */
//  This file was automatically generated and should not be edited.

export type PaintInput = {|
  colour: Colour,
  shades?: ?Array< Colour >,
  nested?: ?NestedInput,
|};

// Colours
export type Colour =
  "RED" | // the red one
  // green
  // two lines
  "GREEN" |
  "BLUE";


export type NestedInput = {|
  depth?: ?number,
  when?: ?any,
|};

export type PaintMutationVariables = {|
  input: PaintInput,
|};

export type PaintMutation = {|
  paint: ?Colour,
|};

export type AddBookMutationVariables = {|
  name: string,
|};

export type AddBookMutation = {|
  addBook: {|
    __typename: "Book",
    id: string,
    name: ?string,
    // Pages
    // in the book
    pages: number,
    author: {|
      __typename: string,
      id: string,
      name: ?string,
      books:  Array<? {|
        __typename: string,
        id: string,
        name: ?string,
        // Pages
        // in the book
        pages: number,
        tags: Array< string >,
        matrix: ?Array< ?Array< ?number > >,
        when: ?number,
        meta: ?any,
      |} >,
      search: ?( {
          __typename: "Book",
          id: string,
          name: ?string,
          // Pages
          // in the book
          pages: number,
          tags: Array< string >,
          matrix: ?Array< ?Array< ?number > >,
          when: ?number,
          meta: ?any,
        } | {
          __typename: "Magazine",
          title: string,
          issue: ?number,
        }
      ),
    |},
    tags: Array< string >,
    matrix: ?Array< ?Array< ?number > >,
    when: ?number,
    meta: ?any,
    related: ?Array< ( {
        __typename: "Book",
        // the id
        id: string,
        name: ?string,
        // Pages
        // in the book
        pages: number,
        author: {|
          __typename: string,
          id: string,
          name: ?string,
        |},
        tags: Array< string >,
        matrix: ?Array< ?Array< ?number > >,
        when: ?number,
        meta: ?any,
        related: ?Array< ( {
            __typename: "Book",
            // the id
            id: string,
            name: ?string,
            // Pages
            // in the book
            pages: number,
            tags: Array< string >,
            matrix: ?Array< ?Array< ?number > >,
            when: ?number,
            meta: ?any,
          } | {
            __typename: "Author",
            // the id
            id: string,
            name: ?string,
          }
        ) >,
      } | {
        __typename: "Author",
        // the id
        id: string,
        name: ?string,
        books:  Array<? {|
          __typename: string,
          id: string,
          name: ?string,
          // Pages
          // in the book
          pages: number,
          tags: Array< string >,
          matrix: ?Array< ?Array< ?number > >,
          when: ?number,
          meta: ?any,
        |} >,
        search: ?( {
            __typename: "Book",
            id: string,
            name: ?string,
            // Pages
            // in the book
            pages: number,
            tags: Array< string >,
            matrix: ?Array< ?Array< ?number > >,
            when: ?number,
            meta: ?any,
          } | {
            __typename: "Magazine",
            title: string,
            issue: ?number,
          }
        ),
      }
    ) >,
  |},
|};

export type NodeQueryVariables = {|
  id: string,
|};

export type NodeQuery = {|
  // Fetch a node
  node: ?( {
      __typename: "Book",
      // the id
      id: string,
      name: ?string,
      // Pages
      // in the book
      pages: number,
      author: {|
        __typename: string,
        id: string,
        name: ?string,
        books:  Array<? {|
          __typename: string,
          id: string,
          name: ?string,
          // Pages
          // in the book
          pages: number,
          tags: Array< string >,
          matrix: ?Array< ?Array< ?number > >,
          when: ?number,
          meta: ?any,
        |} >,
        search: ?( {
            __typename: "Book",
            id: string,
            name: ?string,
            // Pages
            // in the book
            pages: number,
            tags: Array< string >,
            matrix: ?Array< ?Array< ?number > >,
            when: ?number,
            meta: ?any,
          } | {
            __typename: "Magazine",
            title: string,
            issue: ?number,
          }
        ),
      |},
      tags: Array< string >,
      matrix: ?Array< ?Array< ?number > >,
      when: ?number,
      meta: ?any,
      related: ?Array< ( {
          __typename: "Book",
          // the id
          id: string,
          name: ?string,
          // Pages
          // in the book
          pages: number,
          author: {|
            __typename: string,
            id: string,
            name: ?string,
          |},
          tags: Array< string >,
          matrix: ?Array< ?Array< ?number > >,
          when: ?number,
          meta: ?any,
          related: ?Array< ( {
              __typename: "Book",
              // the id
              id: string,
              name: ?string,
              // Pages
              // in the book
              pages: number,
              tags: Array< string >,
              matrix: ?Array< ?Array< ?number > >,
              when: ?number,
              meta: ?any,
            } | {
              __typename: "Author",
              // the id
              id: string,
              name: ?string,
            }
          ) >,
        } | {
          __typename: "Author",
          // the id
          id: string,
          name: ?string,
          books:  Array<? {|
            __typename: string,
            id: string,
            name: ?string,
            // Pages
            // in the book
            pages: number,
            tags: Array< string >,
            matrix: ?Array< ?Array< ?number > >,
            when: ?number,
            meta: ?any,
          |} >,
          search: ?( {
              __typename: "Book",
              id: string,
              name: ?string,
              // Pages
              // in the book
              pages: number,
              tags: Array< string >,
              matrix: ?Array< ?Array< ?number > >,
              when: ?number,
              meta: ?any,
            } | {
              __typename: "Magazine",
              title: string,
              issue: ?number,
            }
          ),
        }
      ) >,
    } | {
      __typename: "Author",
      // the id
      id: string,
      name: ?string,
      books:  Array<? {|
        __typename: string,
        id: string,
        name: ?string,
        // Pages
        // in the book
        pages: number,
        author: {|
          __typename: string,
          id: string,
          name: ?string,
        |},
        tags: Array< string >,
        matrix: ?Array< ?Array< ?number > >,
        when: ?number,
        meta: ?any,
        related: ?Array< ( {
            __typename: "Book",
            // the id
            id: string,
            name: ?string,
            // Pages
            // in the book
            pages: number,
            tags: Array< string >,
            matrix: ?Array< ?Array< ?number > >,
            when: ?number,
            meta: ?any,
          } | {
            __typename: "Author",
            // the id
            id: string,
            name: ?string,
          }
        ) >,
      |} >,
      search: ?( {
          __typename: "Book",
          id: string,
          name: ?string,
          // Pages
          // in the book
          pages: number,
          author: {|
            __typename: string,
            id: string,
            name: ?string,
          |},
          tags: Array< string >,
          matrix: ?Array< ?Array< ?number > >,
          when: ?number,
          meta: ?any,
          related: ?Array< ( {
              __typename: "Book",
              // the id
              id: string,
              name: ?string,
              // Pages
              // in the book
              pages: number,
              tags: Array< string >,
              matrix: ?Array< ?Array< ?number > >,
              when: ?number,
              meta: ?any,
            } | {
              __typename: "Author",
              // the id
              id: string,
              name: ?string,
            }
          ) >,
        } | {
          __typename: "Magazine",
          title: string,
          issue: ?number,
        }
      ),
    }
  ),
|};

export type SearchQueryVariables = {|
  text: string,
  colours?: ?Array< ?Colour >,
|};

export type SearchQuery = {|
  search:Array< ?( {
      __typename: "Book",
      id: string,
      name: ?string,
      // Pages
      // in the book
      pages: number,
      author: {|
        __typename: string,
        id: string,
        name: ?string,
        books:  Array<? {|
          __typename: string,
          id: string,
          name: ?string,
          // Pages
          // in the book
          pages: number,
          tags: Array< string >,
          matrix: ?Array< ?Array< ?number > >,
          when: ?number,
          meta: ?any,
        |} >,
        search: ?( {
            __typename: "Book",
            id: string,
            name: ?string,
            // Pages
            // in the book
            pages: number,
            tags: Array< string >,
            matrix: ?Array< ?Array< ?number > >,
            when: ?number,
            meta: ?any,
          } | {
            __typename: "Magazine",
            title: string,
            issue: ?number,
          }
        ),
      |},
      tags: Array< string >,
      matrix: ?Array< ?Array< ?number > >,
      when: ?number,
      meta: ?any,
      related: ?Array< ( {
          __typename: "Book",
          // the id
          id: string,
          name: ?string,
          // Pages
          // in the book
          pages: number,
          author: {|
            __typename: string,
            id: string,
            name: ?string,
          |},
          tags: Array< string >,
          matrix: ?Array< ?Array< ?number > >,
          when: ?number,
          meta: ?any,
          related: ?Array< ( {
              __typename: "Book",
              // the id
              id: string,
              name: ?string,
              // Pages
              // in the book
              pages: number,
              tags: Array< string >,
              matrix: ?Array< ?Array< ?number > >,
              when: ?number,
              meta: ?any,
            } | {
              __typename: "Author",
              // the id
              id: string,
              name: ?string,
            }
          ) >,
        } | {
          __typename: "Author",
          // the id
          id: string,
          name: ?string,
          books:  Array<? {|
            __typename: string,
            id: string,
            name: ?string,
            // Pages
            // in the book
            pages: number,
            tags: Array< string >,
            matrix: ?Array< ?Array< ?number > >,
            when: ?number,
            meta: ?any,
          |} >,
          search: ?( {
              __typename: "Book",
              id: string,
              name: ?string,
              // Pages
              // in the book
              pages: number,
              tags: Array< string >,
              matrix: ?Array< ?Array< ?number > >,
              when: ?number,
              meta: ?any,
            } | {
              __typename: "Magazine",
              title: string,
              issue: ?number,
            }
          ),
        }
      ) >,
    } | {
      __typename: "Magazine",
      title: string,
      issue: ?number,
    }
  ) >,
|};

export type BooksQuery = {|
  books: ? Array< {|
    __typename: "Book",
    id: string,
    name: ?string,
    // Pages
    // in the book
    pages: number,
    author: {|
      __typename: string,
      id: string,
      name: ?string,
      books:  Array<? {|
        __typename: string,
        id: string,
        name: ?string,
        // Pages
        // in the book
        pages: number,
        tags: Array< string >,
        matrix: ?Array< ?Array< ?number > >,
        when: ?number,
        meta: ?any,
      |} >,
      search: ?( {
          __typename: "Book",
          id: string,
          name: ?string,
          // Pages
          // in the book
          pages: number,
          tags: Array< string >,
          matrix: ?Array< ?Array< ?number > >,
          when: ?number,
          meta: ?any,
        } | {
          __typename: "Magazine",
          title: string,
          issue: ?number,
        }
      ),
    |},
    tags: Array< string >,
    matrix: ?Array< ?Array< ?number > >,
    when: ?number,
    meta: ?any,
    related: ?Array< ( {
        __typename: "Book",
        // the id
        id: string,
        name: ?string,
        // Pages
        // in the book
        pages: number,
        author: {|
          __typename: string,
          id: string,
          name: ?string,
        |},
        tags: Array< string >,
        matrix: ?Array< ?Array< ?number > >,
        when: ?number,
        meta: ?any,
        related: ?Array< ( {
            __typename: "Book",
            // the id
            id: string,
            name: ?string,
            // Pages
            // in the book
            pages: number,
            tags: Array< string >,
            matrix: ?Array< ?Array< ?number > >,
            when: ?number,
            meta: ?any,
          } | {
            __typename: "Author",
            // the id
            id: string,
            name: ?string,
          }
        ) >,
      } | {
        __typename: "Author",
        // the id
        id: string,
        name: ?string,
        books:  Array<? {|
          __typename: string,
          id: string,
          name: ?string,
          // Pages
          // in the book
          pages: number,
          tags: Array< string >,
          matrix: ?Array< ?Array< ?number > >,
          when: ?number,
          meta: ?any,
        |} >,
        search: ?( {
            __typename: "Book",
            id: string,
            name: ?string,
            // Pages
            // in the book
            pages: number,
            tags: Array< string >,
            matrix: ?Array< ?Array< ?number > >,
            when: ?number,
            meta: ?any,
          } | {
            __typename: "Magazine",
            title: string,
            issue: ?number,
          }
        ),
      }
    ) >,
  |} >,
|};

export type SingleQuery = {|
  single: {|
    __typename: "Magazine",
    title: string,
    issue: ?number,
  |},
|};

export type LonelyQuery = {|
  lonely: ?( {
      __typename: "OnlyOne",
      x: ?number,
      y: ?string,
    }
  ),
|};

export type OnPaintSubscription = {|
  onPaint: ?Colour,
|};

export type OnAddBookSubscription = {|
  onAddBook: ? {|
    __typename: "Book",
    id: string,
    name: ?string,
    // Pages
    // in the book
    pages: number,
    author: {|
      __typename: string,
      id: string,
      name: ?string,
      books:  Array<? {|
        __typename: string,
        id: string,
        name: ?string,
        // Pages
        // in the book
        pages: number,
        tags: Array< string >,
        matrix: ?Array< ?Array< ?number > >,
        when: ?number,
        meta: ?any,
      |} >,
      search: ?( {
          __typename: "Book",
          id: string,
          name: ?string,
          // Pages
          // in the book
          pages: number,
          tags: Array< string >,
          matrix: ?Array< ?Array< ?number > >,
          when: ?number,
          meta: ?any,
        } | {
          __typename: "Magazine",
          title: string,
          issue: ?number,
        }
      ),
    |},
    tags: Array< string >,
    matrix: ?Array< ?Array< ?number > >,
    when: ?number,
    meta: ?any,
    related: ?Array< ( {
        __typename: "Book",
        // the id
        id: string,
        name: ?string,
        // Pages
        // in the book
        pages: number,
        author: {|
          __typename: string,
          id: string,
          name: ?string,
        |},
        tags: Array< string >,
        matrix: ?Array< ?Array< ?number > >,
        when: ?number,
        meta: ?any,
        related: ?Array< ( {
            __typename: "Book",
            // the id
            id: string,
            name: ?string,
            // Pages
            // in the book
            pages: number,
            tags: Array< string >,
            matrix: ?Array< ?Array< ?number > >,
            when: ?number,
            meta: ?any,
          } | {
            __typename: "Author",
            // the id
            id: string,
            name: ?string,
          }
        ) >,
      } | {
        __typename: "Author",
        // the id
        id: string,
        name: ?string,
        books:  Array<? {|
          __typename: string,
          id: string,
          name: ?string,
          // Pages
          // in the book
          pages: number,
          tags: Array< string >,
          matrix: ?Array< ?Array< ?number > >,
          when: ?number,
          meta: ?any,
        |} >,
        search: ?( {
            __typename: "Book",
            id: string,
            name: ?string,
            // Pages
            // in the book
            pages: number,
            tags: Array< string >,
            matrix: ?Array< ?Array< ?number > >,
            when: ?number,
            meta: ?any,
          } | {
            __typename: "Magazine",
            title: string,
            issue: ?number,
          }
        ),
      }
    ) >,
  |},
|};