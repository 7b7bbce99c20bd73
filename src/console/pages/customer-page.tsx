/** One customer by external id: features, segment with distance, predictions and membership history. */
import { FormEvent, useState } from 'react';
import type { Me } from '../app';
import { request } from '../api/client';
import { ConsoleCustomerDocument, ConsoleCustomerQuery } from '../generated/graphql';
import { errorText, money, num, pct } from '../format';

type Found = ConsoleCustomerQuery['customers']['edges'][number]['node'];

export function CustomerPage({ me }: { me: Me }) {
  const [externalId, setExternalId] = useState('');
  const [alias, setAlias] = useState('production');
  const [customer, setCustomer] = useState<Found | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const lookUp = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const d = await request(ConsoleCustomerDocument, { externalIds: [externalId.trim()], alias: alias.trim(), withPii: me.role !== 'viewer' });
      setCustomer(d.customers.edges[0]?.node ?? null);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <section aria-labelledby="customer-title">
      <h1 id="customer-title">Customer</h1>
      <form className="card inline" onSubmit={lookUp}>
        <label htmlFor="external-id">External id</label>
        <input id="external-id" value={externalId} onChange={(e) => setExternalId(e.target.value)} placeholder="e.g. C00001" />
        <label htmlFor="customer-alias">Alias</label>
        <input id="customer-alias" value={alias} onChange={(e) => setAlias(e.target.value)} />
        <button type="submit">Look up</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {customer === null && <p>No customer with external id “{externalId}”.</p>}
      {customer && (
        <div className="cards" data-testid="customer">
          <article className="card">
            <h2>{customer.externalId}</h2>
            {customer.name && <p>{customer.name}</p>}
            {customer.email && <p>{customer.email}</p>}
            <p>Country: {customer.country ?? '—'}</p>
            <h3>Features</h3>
            <dl>
              <dt>Days since last purchase</dt>
              <dd>{customer.features.recencyDays == null ? '—' : num(customer.features.recencyDays, 0)}</dd>
              <dt>Orders</dt>
              <dd>{customer.features.frequency}</dd>
              <dt>Net spend</dt>
              <dd>{money(customer.features.monetary)}</dd>
              <dt>Average order value</dt>
              <dd>{money(customer.features.averageOrderValue)}</dd>
              <dt>Tenure (days)</dt>
              <dd>{customer.features.tenureDays == null ? '—' : num(customer.features.tenureDays, 0)}</dd>
            </dl>
          </article>
          <article className="card">
            <h2>Segment ({alias})</h2>
            {customer.segment ? (
              <p data-testid="customer-segment">
                {customer.segment.segment.name}, distance {customer.segment.distance.toFixed(3)} from its centre
              </p>
            ) : (
              <p>Not assigned by this alias's version.</p>
            )}
            {customer.segment?.predictions && (
              <>
                <h3>Predictions</h3>
                <dl>
                  <dt>Value tier</dt>
                  <dd>{customer.segment.predictions.valueTier}</dd>
                  <dt>Predicted value</dt>
                  <dd>{money(customer.segment.predictions.clv)}</dd>
                  <dt>Churn probability</dt>
                  <dd>{pct(customer.segment.predictions.churnProbability)}</dd>
                  <dt>Expected purchases</dt>
                  <dd>{num(customer.segment.predictions.expectedPurchases)}</dd>
                </dl>
              </>
            )}
            <h3>History</h3>
            {customer.segmentHistory.edges.length === 0 ? (
              <p>No changes recorded.</p>
            ) : (
              <ul>
                {customer.segmentHistory.edges.map(({ node: h }, i) => (
                  <li key={i}>
                    {h.changedAt.slice(0, 19).replace('T', ' ')} ({h.alias}, {h.reason.toLowerCase()}): {h.fromSegment?.name ?? '—'} → {h.toSegment?.name ?? '—'}
                  </li>
                ))}
              </ul>
            )}
          </article>
        </div>
      )}
    </section>
  );
}
