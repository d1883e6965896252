type S3Event = { Records: { s3: { bucket: { name: string }; object: { key: string; size: number } } }[] };

export const handler = async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    console.log(`uploaded ${record.s3.bucket.name}/${record.s3.object.key} (${record.s3.object.size} bytes)`);
  }
};
