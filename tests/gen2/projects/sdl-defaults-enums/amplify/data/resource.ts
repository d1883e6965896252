import { defineData } from '@aws-amplify/backend';

export const data = defineData({
  schema: /* GraphQL */ `
    enum Priority {
      LOW
      MEDIUM
      HIGH
    }

    type Location {
      lat: Float
      long: Float
    }

    type Task @model {
      id: ID!
      title: String! @default(value: "untitled")
      priority: Priority @default(value: "MEDIUM")
      estimate: Int @default(value: "1")
      location: Location
      tags: [String]
      dueDate: AWSDate
    }
  `,
});
