export interface TradeArea {
  readonly id: string;
  readonly name: string;
}

/** A university using this deployment. Its trade areas are where students meet to hand items over. */
export class Campus {
  id!: string;
  name!: string;
  areas!: TradeArea[];
  /** Days a listing stays up without renewal. */
  listingLifetimeDays!: number;

  static create(input: { id: string; name: string; areas: TradeArea[]; listingLifetimeDays?: number }): Campus {
    const campus = new Campus();
    campus.id = input.id;
    campus.name = input.name;
    campus.areas = input.areas;
    campus.listingLifetimeDays = input.listingLifetimeDays ?? 60;
    return campus;
  }

  hasArea(areaId: string): boolean {
    return this.areas.some((a) => a.id === areaId);
  }
}
