/**
 * @function(name: "wordCount-${env}") on Post.wordCount: counts the words of the parent Post's body.
 * @type {import('@types/aws-lambda').AppSyncResolverHandler}
 */
exports.handler = async (event) => {
  console.log(`wordCount for post ${event.source && event.source.id} in env ${process.env.ENV}`);
  const body = (event.source && event.source.body) || '';
  return body.split(/\s+/).filter(Boolean).length;
};
