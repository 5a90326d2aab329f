// medplum's MemoryRepository, made able to undo a failed transaction. MemoryRepository.withTransaction
// just runs the callback (no rollback), and medplum's strict transaction mode also caps a transaction
// at 50 updates, which the demo patients (PUT with stable ids) and the scale patient exceed. So the
// server runs transactions in batch mode inside `atomically()`, which journals the previous state of
// every resource it writes and restores them when the transaction fails.
// It also keeps a patient compartment index (compartment-index.ts) so that a patient-scoped search
// tests only that patient's resources.
// Every write is first checked by search-safety.ts (a resource some search parameter cannot read is
// refused with a 400), and a search skips, rather than fails on, a stored record its matcher throws
// on: it answers the others and an OperationOutcome entry (search.mode `outcome`) naming the skipped.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SearchRequest, WithId } from '@medplum/core';
import { matchesSearchRequest } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { CompartmentIndex } from './compartment-index.js';
import { assertSearchable } from './search-safety.js';

/** Previous state per `Type/id` written in the transaction; `null` = the resource did not exist. */
type Journal = Map<string, Resource | null>;

export class AtomicMemoryRepository extends MemoryRepository {
  private readonly journals = new AsyncLocalStorage<Journal>();
  private readonly trusted = new AsyncLocalStorage<true>();
  private readonly compartments = new CompartmentIndex();
  private queue: Promise<unknown> = Promise.resolve();
  private writes = 0;

  /** Increases on every write; search result caches are valid for one generation. */
  get generation(): number {
    return this.writes;
  }

  // MemoryRepository.updateResource and patchResource store through this.createResource, so they journal too.
  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    if (!this.trusted.getStore()) assertSearchable(resource);
    if (resource.id) await this.remember(resource.resourceType, resource.id);
    const result = await this.store(resource);
    if (!resource.id) this.journals.getStore()?.set(`${result.resourceType}/${result.id}`, null);
    return result;
  }

  override async deleteResource(resourceType: string, id: string): Promise<void> {
    await this.remember(resourceType, id);
    await this.remove(resourceType, id);
  }

  /**
   * medplum's search, with the candidates narrowed by the compartment index when the request has a
   * `patient=` or `subject=` filter (and no sort or paging, which the server does itself). A stored
   * record the matcher throws on is skipped and named in an `outcome` entry, never a failed search.
   */
  override async search<T extends Resource>(searchRequest: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const paged = Boolean(searchRequest.sortRules?.length) || searchRequest.offset !== undefined || searchRequest.count !== undefined;
    const narrowed = this.compartments.narrow(searchRequest);
    if (paged) return super.search(searchRequest);
    let candidates: WithId<T>[];
    let rest = searchRequest;
    if (narrowed) {
      candidates = [];
      rest = narrowed.rest;
      for (const id of narrowed.ids) {
        const resource = await super.readResource<WithId<T>>(searchRequest.resourceType, id).catch(() => undefined);
        if (resource) candidates.push(resource);
      }
    } else {
      try {
        return await super.search(searchRequest);
      } catch {
        // A stored record the matcher cannot read: test each one of the type on its own.
        const all = await super.search({ resourceType: searchRequest.resourceType } as SearchRequest<T>);
        candidates = (all.entry ?? []).flatMap((entry) => (entry.resource ? [entry.resource] : []));
      }
    }
    const entry: BundleEntry<WithId<T>>[] = [];
    const skipped: string[] = [];
    for (const resource of candidates) {
      try {
        if (matchesSearchRequest(resource, rest)) entry.push({ resource });
      } catch {
        skipped.push(`${resource.resourceType}/${resource.id}`);
      }
    }
    const total = entry.length;
    if (skipped.length > 0) entry.push(skippedOutcome(skipped) as unknown as BundleEntry<WithId<T>>);
    return { resourceType: 'Bundle', type: 'searchset', ...(entry.length > 0 ? { entry } : {}), total };
  }

  /**
   * MemoryRepository.readHistory reverses its stored version list in place (`.reverse()` on the
   * array it keeps), so every other call answers oldest-first and later versions are appended out
   * of order. Reading twice restores the stored order; the first answer is newest-first, as FHIR wants.
   */
  override async readHistory<T extends Resource>(resourceType: string, id: string): Promise<Bundle<T>> {
    const newestFirst = await super.readHistory<T>(resourceType, id);
    await super.readHistory<T>(resourceType, id);
    return newestFirst;
  }

  private async store<T extends Resource>(resource: T): Promise<WithId<T>> {
    const result = await super.createResource(resource);
    this.compartments.file(result);
    this.writes++;
    return result;
  }

  private async remove(resourceType: string, id: string): Promise<void> {
    await super.deleteResource(resourceType, id);
    this.compartments.unfile(resourceType, id);
    this.writes++;
  }

  /** Runs `work` with its writes unchecked by search-safety.ts: only for the server's own generated data. */
  trustingWrites<T>(work: () => Promise<T>): Promise<T> {
    return this.trusted.run(true, work);
  }

  /**
   * Runs `work` so that either all of its writes stay or, when it throws, none do. Transactions run
   * one at a time, so that a rollback never undoes another transaction's writes.
   */
  atomically<T>(work: () => Promise<T>): Promise<T> {
    // A transaction nested in a transaction's entry joins the outer one (queueing it would deadlock).
    if (this.journals.getStore()) return work();
    const run = async (): Promise<T> => {
      const journal: Journal = new Map();
      try {
        return await this.journals.run(journal, work);
      } catch (error) {
        await this.rollback(journal);
        throw error;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async remember(resourceType: string, id: string): Promise<void> {
    const journal = this.journals.getStore();
    const key = `${resourceType}/${id}`;
    if (!journal || journal.has(key)) return;
    try {
      journal.set(key, await super.readResource(resourceType, id));
    } catch {
      journal.set(key, null);
    }
  }

  private async rollback(journal: Journal): Promise<void> {
    for (const [key, previous] of [...journal].reverse()) {
      const [resourceType, id] = key.split('/');
      if (previous) {
        await this.store(previous); // keeps its meta.versionId and lastUpdated
      } else {
        await this.remove(resourceType, id).catch(() => undefined);
      }
    }
  }
}

/** The `outcome` entry of a search that skipped stored records its matcher could not read. */
function skippedOutcome(references: string[]): BundleEntry<OperationOutcome> {
  return {
    resource: {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'warning',
          code: 'processing',
          details: { text: `${references.length} stored record(s) could not be evaluated for this search and are not in it` },
          diagnostics: references.slice(0, 20).join(', '),
        },
      ],
    },
    search: { mode: 'outcome' },
  };
}
