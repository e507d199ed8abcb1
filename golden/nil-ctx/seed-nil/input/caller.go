package pay

import "fmt"

// checkout has no context and no context import: it gets context.TODO().
func checkout() {
	err := ChargeCard(nil, 100) // BUG: nil Context
	fmt.Println(err)
	fmt.Println(paymentsAPI.Charge(nil, 5))
}
