package producer

import "context"

// Record reports the outcome of one record to the producer.
func Record(ctx context.Context, bp *BatchProducer, md *Metadata, err error) {
	if err != nil {
		bp.OnRecordRejected(ctx, md)
		return
	}
	bp.OnRecordSucceeded(ctx, md)
}
