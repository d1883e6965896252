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

export type CustomQueryVariables = {|
  id: string,
  skip: boolean,
|};

export type CustomQuery = {|
  // Fetch a node
  first: ?( {
      __typename: "Book",
      // the id
      id: string,
      // Pages
      // in the book
      pages: number,
      title: ?string,
      author: {|
        __typename: string,
        name: ?string,
      |},
    } | {
      __typename: "Author",
      // the id
      id: string,
      books:  Array<? {|
        __typename: string,
        id: string,
      |} >,
    }
  ),
  single: {|
    __typename: "Magazine",
    title: string,
    issue: ?number,
  |},
  found:Array< ?( {
      __typename: "Book",
    } | {
      __typename: "Magazine",
      title: string,
    }
  ) >,
|};

export type PaintMutationVariables = {|
  input: PaintInput,
|};

export type PaintMutation = {|
  paint: ?Colour,
|};

export type WithFragQueryVariables = {|
  id: string,
|};

export type WithFragQuery = {|
  // Fetch a node
  node: ?( {
      __typename: "Book",
      // the id
      id: string,
      name: ?string,
      // Pages
      // in the book
      pages: number,
      title: ?string,
      tags: Array< string >,
      author: {|
        __typename: string,
        id: string,
      |},
    } | {
      __typename: "Author",
      // the id
      id: string,
      name: ?string,
    }
  ),
  books: ? Array< {|
    __typename: "Book",
    title: ?string,
    tags: Array< string >,
    author: {|
      __typename: string,
      id: string,
      books:  Array<? {|
        __typename: string,
        id: string,
      |} >,
      search: ?( {
          __typename: "Book",
        } | {
          __typename: "Magazine",
          title: string,
        }
      ),
    |},
  |} >,
  single: {|
    __typename: "Magazine",
    title: string,
    issue: ?number,
  |},
|};

export type NodeBitsFragment = ( {
      __typename: "Book",
      // the id
      id: string,
      name: ?string,
    } | {
      __typename: "Author",
      // the id
      id: string,
      name: ?string,
    }
  );

export type BookBitsFragment = {|
  __typename: "Book",
  title: ?string,
  tags: Array< string >,
  author: {|
    __typename: string,
    id: string,
  |},
|};

export type AuthorBitsFragment = {|
  __typename: "Author",
  books:  Array<? {|
    __typename: string,
    id: string,
  |} >,
  search: ?( {
      __typename: "Book",
    } | {
      __typename: "Magazine",
      title: string,
    }
  ),
|};

export type MagBitsFragment = {|
  __typename: "Magazine",
  title: string,
  issue: ?number,
|};

export type SearchBitsFragment = ( {
      __typename: "Book",
      id: string,
    } | {
      __typename: "Magazine",
    }
  );