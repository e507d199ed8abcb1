package producer

import (
	"context"

	"example.com/producer/batch"
)

// Metadata says where a record was delivered from.
type Metadata struct {
	Delivery uint64
	Queue    string
}

// BatchProducer handles batch connection to a database server
type BatchProducer struct {
	client *batch.Client
}

func NewBatchProducer(ctx context.Context, opts []batch.Option) *BatchProducer {
	/* Initial setup... */
	client, _ := batch.New(ctx, opts...)

	return &BatchProducer{
		client: client,
	}
}

func (bp *BatchProducer) OnRecordSucceeded(ctx context.Context, metadata any) {
	md, _ := metadata.(*Metadata)
	bp.client.Ack(ctx, md.Delivery, md.Queue)
}

func (bp *BatchProducer) OnRecordRejected(ctx context.Context, metadata any) {
	md, _ := metadata.(*Metadata)
	bp.client.Nack(ctx, md.Delivery, md.Queue, false)
}
