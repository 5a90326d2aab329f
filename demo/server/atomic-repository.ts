// medplum's MemoryRepository, made able to undo a failed transaction. MemoryRepository.withTransaction
// just runs the callback (no rollback), and medplum's strict transaction mode also caps a transaction
// at 50 updates, which the demo patients (PUT with stable ids) and the scale patient exceed. So the
// server runs transactions in batch mode inside `atomically()`, which journals the previous state of
// every resource it writes and restores them when the transaction fails.
// It also keeps a patient compartment index (compartment-index.ts) so that a patient-scoped search
// tests only that patient's resources.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SearchRequest, WithId } from '@medplum/core';
import { matchesSearchRequest } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { CompartmentIndex } from './compartment-index.js';

/** Previous state per `Type/id` written in the transaction; `null` = the resource did not exist. */
type Journal = Map<string, Resource | null>;

export class AtomicMemoryRepository extends MemoryRepository {
  private readonly journals = new AsyncLocalStorage<Journal>();
  private readonly compartments = new CompartmentIndex();
  private queue: Promise<unknown> = Promise.resolve();
  private writes = 0;

  /** Increases on every write; search result caches are valid for one generation. */
  get generation(): number {
    return this.writes;
  }

  // MemoryRepository.updateResource and patchResource store through this.createResource, so they journal too.
  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
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
   * `patient=` or `subject=` filter (and no sort or paging, which the server does itself).
   */
  override async search<T extends Resource>(searchRequest: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const narrowed = this.compartments.narrow(searchRequest);
    if (!narrowed || searchRequest.sortRules?.length || searchRequest.offset !== undefined || searchRequest.count !== undefined) {
      return super.search(searchRequest);
    }
    const entry: BundleEntry<WithId<T>>[] = [];
    for (const id of narrowed.ids) {
      const resource = await super.readResource<WithId<T>>(searchRequest.resourceType, id).catch(() => undefined);
      if (resource && matchesSearchRequest(resource, narrowed.rest)) entry.push({ resource });
    }
    return { resourceType: 'Bundle', type: 'searchset', ...(entry.length > 0 ? { entry } : {}), total: entry.length };
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
