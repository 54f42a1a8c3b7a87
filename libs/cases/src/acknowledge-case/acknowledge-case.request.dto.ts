import { BusinessTimeRequest } from '../case-lifecycle/business-time.request.dto';

export class AcknowledgeCaseRequest extends BusinessTimeRequest {}
